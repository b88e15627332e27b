"""Settings come from the environment, and production refuses to start unsafe."""

import os
import subprocess
import sys

from django.conf import settings

PRODUCTION = {
    "DEBUG": "False",
    "SECRET_KEY": "k3Jq9vX2mP8wR5tY7uZ1aB4cD6eF0gH2iL8nO3sQ5vW9xE1rT7yU",
    "ALLOWED_HOSTS": "casefile.example.org",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    unset = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_reports_nothing():
    result = manage("check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_guessable_secret_key():
    result = manage("check", **{**PRODUCTION, "SECRET_KEY": "ab" * 30})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = manage("check", **{**PRODUCTION, "ALLOWED_HOSTS": ""})
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_a_malformed_boolean_is_a_clear_error():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr

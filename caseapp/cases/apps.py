from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "caseapp.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from caseapp.cases import counters, generation, planner

        counters.connect_signals()
        post_migrate.connect(generation.install_triggers, sender=self)
        post_migrate.connect(planner.refresh_after_migrate, sender=self)

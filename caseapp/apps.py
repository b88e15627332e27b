from django.contrib.admin.apps import AdminConfig


class CasefileAdminConfig(AdminConfig):
    default_site = "caseapp.admin_site.CasefileAdminSite"

    def ready(self) -> None:
        super().ready()
        # Registers the sign-in deploy checks.
        from caseapp import checks  # noqa: F401

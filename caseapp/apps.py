from django.contrib.admin.apps import AdminConfig


class CasefileAdminConfig(AdminConfig):
    default_site = "caseapp.admin_site.CasefileAdminSite"

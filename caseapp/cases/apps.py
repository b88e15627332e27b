from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "caseapp.cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from caseapp.cases import counters, generation

        generation.connect_signals()
        counters.connect_signals()

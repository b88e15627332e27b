"""What a browser posts back from an admin page, for tests that submit admin forms."""

from django.contrib.admin import helpers
from django.urls import reverse


def change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def changelist_url(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def add_url(model) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_add")


def form_data(response, **changes) -> dict:
    """The form of an admin change or add page as a browser would post it, with `changes`."""
    context = response.context
    forms = [context["adminform"].form]
    for inline in context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = str(value)
    # A translated field is posted per language (`title_en`, `title_de`): `title=` means the
    # original's, as an editor types it first.
    names = {field.html_name for form in forms for field in form}
    changes = {
        f"{name}_en" if name not in names and f"{name}_en" in names else name: value
        for name, value in changes.items()
    }
    return {**data, **changes}


def action_data(action: str, records, *, confirmed: bool = False, **extra) -> dict:
    """A changelist POST running `action` on `records`, as from the page or its confirmation."""
    data = {"action": action, helpers.ACTION_CHECKBOX_NAME: [str(r.pk) for r in records]}
    if confirmed:
        data["post"] = "yes"
    else:
        data["index"] = "0"
    return {**data, **extra}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]

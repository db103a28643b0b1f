"""One Jinja environment for every HTML document the tool writes, with the same helpers.

Autoescaping is on and undefined names raise, because the values come from spreadsheets and a
typo in a template should fail a test rather than print an empty cell.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from asn_merit.ledger.sums import CHECK_CERTUTIL, CHECK_LINUX, CHECK_POWERSHELL
from asn_merit.reports.dates import long_date
from asn_merit.reports.fairness_view import label
from asn_merit.reports.i18n import t
from asn_merit.reports.numbers import number

ENVIRONMENT = Environment(
    loader=PackageLoader("asn_merit.reports", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, context: dict[str, Any], lang: str) -> str:
    """Render `template` with the translation helpers bound to `lang`."""
    return ENVIRONMENT.get_template(template).render(
        context, lang=lang, t=partial(_t, lang=lang), tm=partial(_markup_t, lang=lang),
        label=partial(label, lang=lang), code=code, long_date=partial(long_date, lang=lang),
        num=partial(_num, lang=lang), verify_sums=partial(verify_sums, lang=lang))


def _num(value: object, lang: str) -> str:
    """A number with the language's separators; "–" for none."""
    return "–" if value is None or value == "" else number(value, lang)




def verify_sums(run_dir: str, lang: str) -> Markup:
    """How to check SHA256SUMS on Linux, in Windows PowerShell and cmd, or with asn-merit."""
    return _markup_t("html.verify", lang, sums=code(CHECK_LINUX),
                     powershell=code(CHECK_POWERSHELL), certutil=code(CHECK_CERTUTIL),
                     verify=code(f"asn-merit verify {run_dir}"))


def code(text: str) -> Markup:
    return Markup("<code>{}</code>").format(text)


def _t(message: str, /, lang: str, **values: object) -> str:
    """i18n.t, but a placeholder may be called "key" (explain.decided_by has one)."""
    return t(message, lang).format(**values) if values else t(message, lang)


def _markup_t(message: str, /, lang: str, **values: object) -> Markup:
    """A message whose placeholders take markup (e.g. <code>); the message text is escaped."""
    return Markup(escape(t(message, lang))).format(**values)

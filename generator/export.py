"""The validated content to the rules data site_tools reads (JSON): the rules, and what they cite.

    python -m generator.export            # write site_tools/rules.json (for the command line)
    python -m generator.export --check    # exit 1 if it is out of date

The build writes the same data into the checker bundle, with the site's own page addresses.
"""
from __future__ import annotations

import dataclasses
import datetime
import json
import sys
from pathlib import Path

from .model import Content, load_content

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = ROOT / "site_tools" / "rules.json"


def page_url(src_uri: str, anchor: str = "", use_directory_urls: bool = True) -> str:
    """'faq.md', 'x' -> 'faq/#x' (relative to the site root), as MkDocs will publish it."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        url = ""
    elif use_directory_urls:
        url = stem.removesuffix("/index") + "/"
    else:
        url = stem + ".html"
    return url + (f"#{anchor}" if anchor else "")


def plan_anchor(plan_id: str) -> str:
    return plan_id.replace("_", "-")


def rules_data(content: Content, use_directory_urls: bool = True) -> dict:
    def url(src_uri: str, anchor: str = "") -> str:
        return page_url(src_uri, anchor, use_directory_urls)

    items: dict[str, dict] = {}
    for faq in content.faqs:
        items[f"faq:{faq.id}"] = {"label": faq.label, "title": faq.question, "url": url("faq.md", faq.id)}
    for section in content.document.sections:
        items[f"section:{section.id}"] = {"label": section.display_title, "title": section.display_title, "url": url("programs.md", section.id)}
    for term in content.terms:
        items[f"term:{term.id}"] = {"label": f"Glossary: {term.title}", "title": term.title, "url": url("glossary.md", term.id)}
    plans = {}
    for plan in content.contacts.plans:
        where = f"contacts:{plan.id}"
        items[where] = {"label": f"Contact Information: {plan.full_name}", "title": plan.full_name, "url": url("contacts.md", plan_anchor(plan.id))}
        plans[plan.id] = {
            "name": plan.full_name,
            "ecm_email": plan.ecm_email,
            "cs_email": plan.cs_email,
            "ecm_lookup": lookup_text(plan.ecm_lookup),
            "contact_source": {"where": where, "quote": f"{plan.name}: {plan.ecm_email} (ECM), {plan.cs_email} (CS)"},
            "lookup_source": {"where": f"faq:{plan.ecm_lookup.source}", "quote": plan.ecm_lookup.quote},
        }
    return {
        "content_version": content.version_date.isoformat(),
        "version_label": content.document.version_label,
        "source_title": content.document.title,
        "items": items,
        "plans": plans,
        "rules": _plain(content.rules),
    }


def lookup_text(lookup) -> str:
    """A plan's way of telling whether a member is in ECM, with its phone, hours, address and portal."""
    details = []
    if lookup.phone:
        details.append(lookup.phone + (f" ({lookup.hours})" if lookup.hours else ""))
    if lookup.email:
        details.append(lookup.email)
    if lookup.portal and lookup.portal not in lookup.how:
        details.append(lookup.portal)
    return f"{lookup.how.rstrip('.')}: {' or '.join(details)}." if details else lookup.how


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value):
        return {spec.name: _plain(getattr(value, spec.name)) for spec in dataclasses.fields(value) if getattr(value, spec.name) is not None}
    if isinstance(value, (tuple, list)):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def render(content: Content, use_directory_urls: bool = True) -> str:
    return json.dumps(rules_data(content, use_directory_urls), indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = render(load_content(ROOT / "content", display_root=ROOT))
    if "--check" in argv:
        if not PACKAGED.exists() or PACKAGED.read_text(encoding="utf-8") != text:
            print(f"Out of date: {PACKAGED.relative_to(ROOT)} (run python -m generator.export)")
            return 1
        return 0
    PACKAGED.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

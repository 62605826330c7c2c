#!/usr/bin/env python
"""Translation catalogue helper.

    python scripts/i18n.py extract [APP_DIR]  # makemessages for one app dir (e.g. achievements), "." for the root, or all
    python scripts/i18n.py todo [PO ...]      # list untranslated or fuzzy zh_Hans entries
    python scripts/i18n.py fill PO MAP.json   # fill msgstr from a {msgid: msgstr} JSON file
    python scripts/i18n.py compile            # compilemessages for all catalogues

Each domain app keeps its own catalogue in ``<app>/locale``; the site templates and platform_core
live in the top-level ``locale``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = [
    "achievements/library",
    "achievements",
    "evaluation",
    "matching",
    "incubation",
    "ip_services",
    "quality_metrics",
]
CORE_APPS = [
    "platform_core/attachments",
    "platform_core/reports",
    "platform_core/archive",
    "platform_core/content",
    "platform_core/audit",
]
# Every app with its own catalogue in <app>/locale; the root catalogue covers templates/ and the rest.
APPS = DOMAIN_APPS + CORE_APPS
PY = sys.executable


def catalogues() -> list[Path]:
    found = [ROOT / "locale/zh_Hans/LC_MESSAGES/django.po"]
    found += [ROOT / app / "locale/zh_Hans/LC_MESSAGES/django.po" for app in APPS]
    return [p for p in found if p.exists()]


def extract(only: str | None = None) -> None:
    """makemessages for one app dir, for the root catalogue only ("."), or for everything (None)."""
    if only and only != ".":
        _extract_app(only)
        return
    ignore = [
        "--ignore=.venv/*",
        "--ignore=staticfiles/*",
        "--ignore=media/*",
        "--ignore=tests/*",
        "--ignore=*/tests/*",
        "--ignore=scripts/*",
    ]
    ignore += [f"--ignore={app}/*" for app in APPS]
    subprocess.run(
        [PY, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", *ignore], cwd=ROOT, check=True
    )
    if only is None:
        for app in APPS:
            _extract_app(app)


def _extract_app(app: str) -> None:
    app_dir = ROOT / app
    (app_dir / "locale").mkdir(exist_ok=True)
    # apps nested inside this one (achievements/library) keep their own catalogue
    nested = [f"--ignore={other[len(app) + 1 :]}/*" for other in APPS if other.startswith(app + "/")]
    subprocess.run(
        [
            PY,
            str(ROOT / "manage.py"),
            "makemessages",
            "-l",
            "zh_Hans",
            "--no-obsolete",
            "--ignore=tests/*",
            *nested,
        ],
        cwd=app_dir,
        check=True,
    )


def todo(paths: list[str]) -> int:
    total = 0
    for path in [Path(p).resolve() for p in paths] or catalogues():
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            missing = (
                not entry.msgstr and not any(entry.msgstr_plural.values())
                if entry.msgid_plural
                else not entry.msgstr
            )
            if missing or "fuzzy" in entry.flags:
                total += 1
                print(
                    json.dumps(
                        {
                            "file": str(path.relative_to(ROOT)),
                            "msgid": entry.msgid,
                            "plural": entry.msgid_plural or None,
                        },
                        ensure_ascii=False,
                    )
                )
    print(f"# {total} untranslated", file=sys.stderr)
    return total


def fill(path: str, mapping_file: str) -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    po = polib.pofile(path)
    n = 0
    for entry in po:
        if entry.msgid in mapping:
            value = mapping[entry.msgid]
            if entry.msgid_plural:
                entry.msgstr_plural = (
                    {0: value} if isinstance(value, str) else {int(k): v for k, v in value.items()}
                )
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            n += 1
    po.save(path)
    print(f"filled {n} entries in {path}")


def compile_all() -> None:
    subprocess.run([PY, "manage.py", "compilemessages", "--ignore=.venv"], cwd=ROOT, check=True)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "todo"
    if command == "extract":
        extract(sys.argv[2] if len(sys.argv) > 2 else None)
    elif command == "todo":
        sys.exit(1 if todo(sys.argv[2:]) else 0)
    elif command == "fill":
        fill(sys.argv[2], sys.argv[3])
    elif command == "compile":
        compile_all()
    else:
        print(__doc__)
        sys.exit(2)

#!/usr/bin/env python3
"""Writes locales/{es,en}/countries.ftl: every country's name by its ISO 3166-1 alpha-2 code
(`web-nationality-XX`), from Debian's iso-codes (its JSON list and its Spanish translation).

Run it again when iso-codes changes: `python3 locales/countries.py` (needs the iso-codes
package). Names people in the shelters use are preferred to the official long forms: «Bolivia»
rather than «Bolivia, Estado Plurinacional de», the corrections below.
"""

import gettext
import json
import pathlib

ISO = pathlib.Path("/usr/share/iso-codes/json/iso_3166-1.json")
HERE = pathlib.Path(__file__).resolve().parent

# Names in everyday use where iso-codes has a long official form or leaves one untranslated.
SPANISH = {
    "AX": "Islas Åland", "BF": "Burkina Faso", "BN": "Brunéi", "BO": "Bolivia",
    "CD": "República Democrática del Congo", "CI": "Costa de Marfil", "DZ": "Argelia",
    "FK": "Islas Malvinas", "FM": "Micronesia", "IR": "Irán", "KM": "Comoras",
    "KP": "Corea del Norte", "KR": "Corea del Sur", "LA": "Laos", "NE": "Níger",
    "PS": "Palestina", "RU": "Rusia", "SR": "Surinam", "SX": "San Martín (parte neerlandesa)",
    "MF": "San Martín (parte francesa)", "SY": "Siria", "TN": "Túnez", "TR": "Turquía",
    "TW": "Taiwán", "TZ": "Tanzania", "VA": "Ciudad del Vaticano", "VE": "Venezuela",
    "VG": "Islas Vírgenes Británicas", "VI": "Islas Vírgenes de los Estados Unidos",
    "XK": "Kosovo", "SA": "Arabia Saudita", "MM": "Myanmar (Birmania)",
}
ENGLISH = {"XK": "Kosovo", "CD": "Democratic Republic of the Congo", "FM": "Micronesia",
           "PS": "Palestine", "VA": "Vatican City"}


def main() -> None:
    countries = json.loads(ISO.read_text())["3166-1"]
    spanish = gettext.translation("iso_3166-1", localedir="/usr/share/locale", languages=["es"])
    names = {"es": {}, "en": {}}
    for country in countries:
        code = country["alpha_2"]
        english = country.get("common_name", country["name"])
        names["en"][code] = ENGLISH.get(code, english)
        common = spanish.gettext(english)
        chosen = common if common != english else spanish.gettext(country["name"])
        names["es"][code] = SPANISH.get(code, chosen)
    for code in set(SPANISH) | set(ENGLISH):
        names["es"].setdefault(code, SPANISH.get(code, ENGLISH.get(code)))
        names["en"].setdefault(code, ENGLISH.get(code, SPANISH.get(code)))
    for lang, by_code in names.items():
        lines = [
            "## Countries by ISO 3166-1 alpha-2 code, written by locales/countries.py from",
            "## Debian's iso-codes: do not edit by hand.",
        ]
        lines += [f"web-nationality-{code} = {by_code[code]}" for code in sorted(by_code)]
        (HERE / lang / "countries.ftl").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()

//! The demo's 27 shelters along the northern border, the south and the routes between, and
//! where each one's request ends up in the workflow.

/// The 27 shelters: name, federal entity, municipality.
pub(super) const SHELTERS: [(&str, &str, &str); 27] = [
    ("Casa del Migrante Camino Libre", "MX-CHH", "Juárez"),
    ("Albergue Frontera Digna", "MX-CHH", "Chihuahua"),
    ("Casa Refugio Tijuana Esperanza", "MX-BCN", "Tijuana"),
    ("Albergue Valle de Mexicali", "MX-BCN", "Mexicali"),
    ("Comedor y Albergue Nogales Unido", "MX-SON", "Nogales"),
    ("Casa Hermosillo Acoge", "MX-SON", "Hermosillo"),
    ("Albergue Agua Prieta Solidaria", "MX-SON", "Agua Prieta"),
    ("Casa del Caminante Saltillo", "MX-COA", "Saltillo"),
    ("Refugio Piedras Negras", "MX-COA", "Piedras Negras"),
    ("Albergue Río Bravo Reynosa", "MX-TAM", "Reynosa"),
    ("Casa Nuevo Laredo Hospitalaria", "MX-TAM", "Nuevo Laredo"),
    ("Albergue Matamoros Puerta Abierta", "MX-TAM", "Matamoros"),
    ("Casa Monterrey Sin Fronteras", "MX-NLE", "Monterrey"),
    ("Albergue Tapachula Bienvenida", "MX-CHP", "Tapachula"),
    ("Casa Palenque Camino Seguro", "MX-CHP", "Palenque"),
    (
        "Albergue Los Altos de Chiapas",
        "MX-CHP",
        "San Cristóbal de las Casas",
    ),
    ("Casa Tenosique Puerta del Sur", "MX-TAB", "Tenosique"),
    ("Albergue Villahermosa Acogida", "MX-TAB", "Centro"),
    ("Casa Ixtepec Tren y Esperanza", "MX-OAX", "Ciudad Ixtepec"),
    ("Albergue Istmo Juchitán", "MX-OAX", "Juchitán de Zaragoza"),
    ("Casa Coatzacoalcos Refugio", "MX-VER", "Coatzacoalcos"),
    ("Comedor Manos del Camino", "MX-VER", "Amatlán de los Reyes"),
    ("Casa Tlalli Ciudad de México", "MX-CMX", "Iztapalapa"),
    ("Centro de Acogida Cuauhtémoc", "MX-CMX", "Cuauhtémoc"),
    ("Albergue Guadalajara Acompaña", "MX-JAL", "Guadalajara"),
    ("Casa Celaya Vía Férrea", "MX-GUA", "Celaya"),
    (
        "Albergue San Luis Potosí Caminantes",
        "MX-SLP",
        "San Luis Potosí",
    ),
];

/// Where each shelter's request ends up, in order: every state of the workflow, some more than
/// once. Those past the claim walk the legal path with papers (`path`); their histories start
/// long enough ago to fit it.
pub(super) const TARGETS: [&str; 27] = [
    "draft",
    "draft",
    "draft",
    "submitted",
    "submitted",
    "submitted",
    "submitted",
    "needs_info",
    "needs_info",
    "needs_info",
    "open",
    "open",
    "name_reservation",
    "drafting",
    "shelter_review",
    "claimed",
    "notary",
    "signed",
    "filed",
    "closed",
    "declined",
    "declined",
    "withdrawn",
    "withdrawn",
    "on_hold_open",
    "on_hold_claimed",
    "on_hold_claimed",
];

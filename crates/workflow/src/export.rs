//! The workflow's definition for people and programs: JSON (served at `GET /api/v1/workflow`)
//! and a Graphviz diagram, both read from the same [`TABLE`](crate::table::TABLE) that decides
//! transitions.

use std::fmt::Write as _;

use puente_i18n::{Labels, Lang};
use serde::Serialize;

use crate::alerts::{Alert, AlertSettings};
use crate::document::DocumentKind;
use crate::event::{EventKind, Field, FieldType};
use crate::role::Party;
use crate::state::{StateKind, Status};
use crate::table::{TABLE, Target, holdable_states};

/// The whole definition.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Definition {
    /// Every state.
    pub states: Vec<StateDefinition>,
    /// Every event.
    pub events: Vec<EventDefinition>,
    /// The kinds of document a case collects.
    pub documents: Vec<Named>,
    /// The deadline alerts, with their default periods.
    pub alerts: Vec<Named>,
    /// The default periods of the alerts, in days.
    pub alert_settings: AlertSettings,
}

/// A state.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StateDefinition {
    /// Wire name.
    pub name: Status,
    /// Active or terminal.
    pub kind: StateKind,
    /// Label.
    pub label: Labels,
}

/// Something with a wire name and a label.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Named {
    /// Wire name.
    pub name: String,
    /// Label.
    pub label: Labels,
}

/// An event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDefinition {
    /// Wire name.
    pub name: EventKind,
    /// Label.
    pub label: Labels,
    /// The states it applies in.
    pub from: Vec<Status>,
    /// Whether it also applies on hold when the case was held from one of `from`.
    pub also_when_held: bool,
    /// Where it takes the case.
    pub to: Target,
    /// Who may fire it.
    pub who: Vec<PartyDefinition>,
    /// What it requires, by stable code.
    pub requires: Vec<RequirementDefinition>,
    /// The data it takes.
    pub fields: Vec<FieldDefinition>,
}

/// A party.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PartyDefinition {
    /// Wire name.
    pub name: Party,
    /// Label.
    pub label: Labels,
}

/// A requirement.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequirementDefinition {
    /// Stable code (`document:registry_receipt`).
    pub code: String,
    /// Label.
    pub label: Labels,
}

/// A data field of an event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldDefinition {
    /// Wire name.
    pub name: Field,
    /// Its type.
    #[serde(rename = "type")]
    pub value_type: FieldType,
    /// Whether the event requires it.
    pub required: bool,
}

/// Builds the definition from the table.
pub fn definition() -> Definition {
    let states = Status::ALL
        .into_iter()
        .map(|state| StateDefinition {
            name: state,
            kind: state.kind(),
            label: Labels::of(&state.label_key()),
        })
        .collect();
    let events = TABLE
        .iter()
        .map(|row| {
            let required: Vec<Field> = row.required_fields().collect();
            EventDefinition {
                name: row.kind,
                label: Labels::of(&row.kind.label_key()),
                from: row.from.to_vec(),
                also_when_held: row.also_when_held,
                to: row.to,
                who: row
                    .who
                    .iter()
                    .map(|party| PartyDefinition {
                        name: *party,
                        label: Labels::of(&party.label_key()),
                    })
                    .collect(),
                requires: row
                    .requires
                    .iter()
                    .map(|requirement| RequirementDefinition {
                        code: requirement.code(),
                        label: Labels::of(&requirement.label_key()),
                    })
                    .collect(),
                fields: row
                    .accepted_fields()
                    .into_iter()
                    .map(|field| FieldDefinition {
                        name: field,
                        value_type: field.value_type(),
                        required: required.contains(&field),
                    })
                    .collect(),
            }
        })
        .collect();
    Definition {
        states,
        events,
        documents: DocumentKind::ALL
            .into_iter()
            .map(|kind| Named {
                name: kind.as_str().to_owned(),
                label: Labels::of(&kind.label_key()),
            })
            .collect(),
        alerts: Alert::ALL
            .into_iter()
            .map(|alert| Named {
                name: alert.as_str().to_owned(),
                label: Labels::of(&alert.label_key()),
            })
            .collect(),
        alert_settings: AlertSettings::default(),
    }
}

/// One arrow of the diagram.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// From this state.
    pub from: Status,
    /// To this state.
    pub to: Status,
    /// By this event.
    pub event: EventKind,
}

/// Every arrow the table allows: one per (state it applies in, event), with `on_hold`'s return
/// drawn to each state a case can be held from, and a reassignment as a loop.
pub fn edges() -> Vec<Edge> {
    let mut edges = Vec::new();
    for row in &TABLE {
        let mut sources: Vec<Status> = row.from.to_vec();
        if row.also_when_held {
            sources.push(Status::OnHold);
        }
        for from in sources {
            match row.to {
                Target::State(to) => edges.push(Edge {
                    from,
                    to,
                    event: row.kind,
                }),
                Target::Hold => edges.push(Edge {
                    from,
                    to: Status::OnHold,
                    event: row.kind,
                }),
                Target::Unchanged => edges.push(Edge {
                    from,
                    to: from,
                    event: row.kind,
                }),
                Target::HeldFrom => edges.extend(holdable_states().iter().map(|to| Edge {
                    from,
                    to: *to,
                    event: row.kind,
                })),
            }
        }
    }
    edges
}

fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// How the diagram draws the events that leave the legal path: unlabelled, in a colour of
/// their own explained by the legend, so the path reads first.
fn side_style(event: EventKind) -> Option<(&'static str, &'static str)> {
    match event {
        EventKind::Withdraw => Some(("#c0392b", "dashed")),
        EventKind::Hold => Some(("#d68910", "dotted")),
        EventKind::Resume => Some(("#2471a3", "dotted")),
        EventKind::Reassign => Some(("#7f8c8d", "dashed")),
        _ => None,
    }
}

/// The diagram in Graphviz DOT, labelled in Spanish with the English below. Every arrow carries
/// its event's label: written beside the main path's arrows, and as the tooltip of the others,
/// which a legend explains by colour.
pub fn dot() -> String {
    let label = |key: &str| {
        let labels = Labels::of(key);
        format!(
            "{}\\n({})",
            quote(labels.get(Lang::Es)),
            quote(labels.get(Lang::En))
        )
    };
    let mut out = String::new();
    let _ = writeln!(out, "digraph puente_workflow {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, fontname=\"Helvetica\", labelloc=t, label=\"{}\", nodesep=0.6, ranksep=0.5];",
        label("workflow-title")
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef5ff\", fontname=\"Helvetica\", fontsize=11];"
    );
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];");
    for state in Status::ALL {
        let style = match (state, state.kind()) {
            (Status::Filed, _) => ", fillcolor=\"#c8f0c8\", penwidth=2",
            (_, StateKind::Terminal) => ", shape=doubleoctagon, fillcolor=\"#eeeeee\"",
            (Status::OnHold, _) => ", fillcolor=\"#fff3c4\"",
            _ => "",
        };
        let _ = writeln!(
            out,
            "  {} [label=\"{}\"{}];",
            state.as_str(),
            label(&state.label_key()),
            style
        );
    }
    for edge in edges() {
        let text = label(&edge.event.label_key());
        let attributes = match side_style(edge.event) {
            None => format!("label=\"{text}\", tooltip=\"{text}\""),
            Some((colour, style)) => format!(
                "tooltip=\"{text}\", color=\"{colour}\", style={style}, arrowsize=0.6, constraint=false"
            ),
        };
        let _ = writeln!(
            out,
            "  {} -> {} [{attributes}];",
            edge.from.as_str(),
            edge.to.as_str()
        );
    }
    let _ = writeln!(
        out,
        "  subgraph cluster_legend {{\n    label=\"{}\"; fontsize=10; style=rounded; color=\"#bbbbbb\";\n    node [shape=plaintext, style=\"\", fontsize=9];",
        label("workflow-legend")
    );
    let sides = [
        EventKind::Withdraw,
        EventKind::Hold,
        EventKind::Resume,
        EventKind::Reassign,
    ];
    for event in sides {
        if let Some((colour, style)) = side_style(event) {
            let name = event.as_str();
            let _ = writeln!(
                out,
                "    legend_{name}_a [label=\"\", width=0.3]; legend_{name}_b [label=\"{}\"];\n    legend_{name}_a -> legend_{name}_b [color=\"{colour}\", style={style}];",
                label(&event.label_key())
            );
        }
    }
    let _ = writeln!(out, "  }}");
    let _ = writeln!(out, "}}");
    out
}

//! The OpenAPI document's `webhooks` section: for each event type, the POST Hireloop makes —
//! its body (`{id, type, created_at, data}` with the event's own `data`) and its three headers.

use utoipa::PartialSchema;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{Content, OpenApi, PathItem, Paths, Ref, Required, Response};

use super::events::{ApplicationData, CandidateErasedData, InternshipData, OfferData};
use super::sender::{EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::domain::webhooks::EventType;

/// The `data` schema of each event type, by component name.
fn data_schema(event: EventType) -> &'static str {
    match event {
        EventType::ApplicationCreated
        | EventType::ApplicationStageChanged
        | EventType::ApplicationRejected
        | EventType::HireStarted => "WebhookApplicationData",
        EventType::OfferSent | EventType::OfferAccepted | EventType::OfferDeclined => {
            "WebhookOfferData"
        }
        EventType::CandidateErased => "WebhookCandidateErasedData",
        EventType::InternshipDecided => "WebhookInternshipData",
    }
}

fn what(event: EventType) -> &'static str {
    match event {
        EventType::ApplicationCreated => "A candidate was put on a position's long-list.",
        EventType::ApplicationStageChanged => {
            "An application moved to another stage (other than rejected or started)."
        }
        EventType::ApplicationRejected => "An application was rejected.",
        EventType::OfferSent => "An approved offer was sent to the candidate.",
        EventType::OfferAccepted => "The candidate accepted the offer; the application is hired.",
        EventType::OfferDeclined => "The candidate declined the offer.",
        EventType::HireStarted => "A hired candidate had their first working day.",
        EventType::CandidateErased => {
            "A candidate's personal data was erased; only their id is sent."
        }
        EventType::InternshipDecided => "An internship month ended with a decision.",
    }
}

fn header(name: &str, description: &str) -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(description))
        .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
        .build()
}

fn envelope(event: EventType) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(
            "id",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::Custom("uuid".into())))
                .description(Some("The event's id: the same on every retry.")),
        )
        .required("id")
        .property(
            "type",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some([event.as_str()])),
        )
        .required("type")
        .property(
            "created_at",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
        )
        .required("created_at")
        .property("data", Ref::from_schema_name(data_schema(event)))
        .required("data")
}

/// Adds the event payload schemas and one webhook per event type to `doc`.
pub fn describe(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, schema) in [
        ("WebhookApplicationData", ApplicationData::schema()),
        ("WebhookOfferData", OfferData::schema()),
        ("WebhookCandidateErasedData", CandidateErasedData::schema()),
        ("WebhookInternshipData", InternshipData::schema()),
    ] {
        components.schemas.insert(name.to_owned(), schema);
    }
    let mut paths = Paths::new();
    for event in EventType::ALL {
        let operation = OperationBuilder::new()
            .operation_id(Some(format!(
                "deliver{}",
                event
                    .as_str()
                    .split(['.', '_'])
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<String>()
            )))
            .tag("webhooks")
            .summary(Some(event.as_str()))
            .description(Some(format!(
                "{} Posted to every webhook subscribed to `{}`; a non-2xx answer or no answer \
                 within 10 seconds is retried with a growing delay (the first within a \
                 minute), with the same event id. Bodies carry ids, never names or addresses.",
                what(event),
                event.as_str()
            )))
            .parameter(header(EVENT_ID_HEADER, "The event's id, as in the body."))
            .parameter(header(
                TIMESTAMP_HEADER,
                "When this attempt was signed, in Unix seconds.",
            ))
            .parameter(header(
                SIGNATURE_HEADER,
                "`sha256=` and the hex HMAC-SHA256, under the webhook's secret, of the \
                 timestamp header, a dot and the raw body.",
            ))
            .request_body(Some(
                RequestBodyBuilder::new()
                    .required(Some(Required::True))
                    .content("application/json", Content::new(Some(envelope(event))))
                    .build(),
            ))
            .response(
                "200",
                Response::new("Received; any 2xx status counts as delivered."),
            );
        paths.paths.insert(
            event.as_str().to_owned(),
            PathItem::new(HttpMethod::Post, operation),
        );
    }
    doc.webhooks = Some(paths);
}

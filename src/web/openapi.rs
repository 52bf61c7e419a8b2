//! The finishing pass over the generated OpenAPI document, so that client generators and
//! validators take it as it is: every response says what it means, every error points at the
//! one problem-details schema, and operation ids read as actions in camelCase
//! (`searchCandidates`), one per operation; a body that is a file (a PDF, a ZIP, a CSV upload)
//! is a binary string of its media type.

use utoipa::PartialSchema;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Required, Schema};

use super::errors::{PROBLEM_JSON, Problem};

/// The name errors refer to under `components/schemas`.
const PROBLEM_SCHEMA: &str = "Problem";

pub fn complete(doc: &mut OpenApi) {
    let components = doc.components.get_or_insert_with(Default::default);
    components
        .schemas
        .insert(PROBLEM_SCHEMA.to_owned(), Problem::schema());
    for item in doc.paths.paths.values_mut() {
        if let Some(post) = item.post.as_mut() {
            post.parameters
                .get_or_insert_with(Vec::new)
                .push(RefOr::T(idempotency_key()));
        }
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            if let Some(id) = &operation.operation_id {
                operation.operation_id = Some(camel_case(id));
            }
            if let Some(RefOr::T(body)) = &mut operation.request_body {
                for (media_type, content) in body.content.iter_mut() {
                    describe_file(media_type, content);
                }
            }
            for (code, response) in operation.responses.responses.iter_mut() {
                let RefOr::T(response) = response else {
                    continue;
                };
                for (media_type, content) in response.content.iter_mut() {
                    describe_file(media_type, content);
                }
                if response.description.trim().is_empty() {
                    response.description = meaning(code).to_owned();
                }
                if is_error(code) && response.content.is_empty() {
                    response.content.insert(
                        PROBLEM_JSON.to_owned(),
                        Content::new(Some(Ref::from_schema_name(PROBLEM_SCHEMA))).into(),
                    );
                }
            }
        }
    }
}

/// The header every POST takes (see `web::idempotency`).
fn idempotency_key() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("Idempotency-Key")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some(
            "Any string up to 255 characters. The same key and body again within 24 hours \
             returns the first answer (with `Idempotent-Replayed: true`) and changes nothing; \
             the same key with another body is refused with 422.",
        ))
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .max_length(Some(255)),
        ))
        .build()
}

/// A `Vec<u8>` or `String` body under a file's media type comes out of the annotations as an
/// array of integers or plain text; generators then build a list or a str from the bytes.
/// A binary string of that media type is what the body is, and what they turn into a file.
fn describe_file(media_type: &str, content: &mut RefOr<Content>) {
    let RefOr::T(content) = content else {
        return;
    };
    if !is_file(media_type) {
        return;
    }
    content.schema = Some(RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .content_media_type(media_type)
            .build(),
    )));
}

/// Media types whose body is a file rather than JSON, a form or text to read.
fn is_file(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    !(essence.ends_with("json")
        || essence == "application/x-www-form-urlencoded"
        || essence.starts_with("multipart/")
        || essence == "text/plain")
}

fn is_error(code: &str) -> bool {
    code.starts_with('4') || code.starts_with('5')
}

/// What a status means in this API, for responses that do not say more.
fn meaning(code: &str) -> &'static str {
    match code {
        "200" => "Done; the body is the result.",
        "201" => "Created; the body is the new record.",
        "202" => "Accepted; the work goes on in the background.",
        "204" => "Done; no body.",
        "400" => "The request cannot be read.",
        "401" => "No valid bearer token.",
        "403" => "The caller's role may not do this.",
        "404" => "No such record, or not one the caller may see.",
        "409" => "Refused in the record's current state; the problem says why.",
        "413" => "The upload is too large.",
        "422" => "Invalid input; the problem names each field.",
        "429" => "Too many attempts; try again after Retry-After seconds.",
        _ => "See the problem details.",
    }
}

/// `search_candidates` → `searchCandidates`.
fn camel_case(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut upper = false;
    for c in id.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_camel_case_actions() {
        assert_eq!(camel_case("search_candidates"), "searchCandidates");
        assert_eq!(camel_case("me"), "me");
        assert_eq!(camel_case("get_outbox_settings"), "getOutboxSettings");
    }

    #[test]
    fn pdfs_zips_and_csv_uploads_are_files_while_json_forms_and_text_are_not() {
        for file in [
            "application/pdf",
            "application/zip",
            "text/csv; charset=utf-8",
        ] {
            assert!(is_file(file), "{file}");
        }
        for not_file in [
            "application/json",
            "application/problem+json",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "text/plain",
        ] {
            assert!(!is_file(not_file), "{not_file}");
        }
    }
}

//! SeaORM entities, one per table, in the shape sea-orm-cli generates. Queries and rules live
//! in the feature folders; nothing here is edited except to follow a migration.

pub mod api_token;
pub mod application;
pub mod application_event;
pub mod audit_entry;
pub mod candidate;
pub mod competency;
pub mod consent;
pub mod end_reason;
pub mod grade;
pub mod interview;
pub mod interview_interviewer;
pub mod interview_question;
pub mod job_run;
pub mod login_throttle;
pub mod market_bucket;
pub mod market_dataset;
pub mod offer;
pub mod onboarding_item;
pub mod outbox_message;
pub mod position;
pub mod position_competency;
pub mod position_interviewer;
pub mod position_kit_question;
pub mod question;
pub mod question_follow_up;
pub mod referee;
pub mod request_counter;
pub mod scorecard;
pub mod scorecard_answer;
pub mod scorecard_rating;
pub mod session;
pub mod setting;
pub mod sourcing_channel;
pub mod stored_file;
pub mod user;

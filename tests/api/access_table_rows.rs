//! The rows of the access table: every API operation and every page route, with who may use it.
//! Expected outcomes follow src/domain/access.rs and DOMAIN.md.

use hireloop::domain::access::Action::*;

use crate::access_table::Rule::{self, *};

pub struct Row {
    pub method: &'static str,
    pub path: &'static str,
    pub rule: Rule,
}

const fn row(method: &'static str, path: &'static str, rule: Rule) -> Row {
    Row { method, path, rule }
}

/// Every operation in the OpenAPI document; the test fails when the document has one more.
pub const API: &[Row] = &[
    row("GET", "/api/v1/applications", Can(ViewAllCandidates)),
    row("POST", "/api/v1/applications", Can(ManageCandidates)),
    row(
        "GET",
        "/api/v1/applications/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["interviewer"],
        },
    ),
    row(
        "GET",
        "/api/v1/applications/{id}/brief",
        Can(ViewScorecards),
    ),
    row("POST", "/api/v1/applications/{id}/ceo-decision", Signed),
    row(
        "POST",
        "/api/v1/applications/{id}/comments",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/api/v1/candidates/{id}/notes",
        Can(ManageCandidates),
    ),
    row(
        "GET",
        "/api/v1/applications/{id}/competency-profile",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/contacts",
        Can(ManageCandidates),
    ),
    row(
        "GET",
        "/api/v1/applications/{id}/interviews",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/move",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/applications/{id}/offers", Can(ViewSalaries)),
    row(
        "GET",
        "/api/v1/applications/{id}/probation",
        Can(ViewAllCandidates),
    ),
    row(
        "PUT",
        "/api/v1/applications/{id}/probation",
        Can(RecordProbation),
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/offers",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/applications/{id}/references",
        Can(ViewReferences),
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/references",
        Can(ManageReferences),
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/reject",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/start",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/api/v1/applications/{id}/withdraw",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/audit", Can(ViewAuditLog)),
    row("GET", "/api/v1/candidates", Can(ViewAllCandidates)),
    row("POST", "/api/v1/candidates", Can(ManageCandidates)),
    row("DELETE", "/api/v1/candidates/{id}", Can(ManageCandidates)),
    row(
        "GET",
        "/api/v1/candidates/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            // An interviewer reads only people they interview; the table's is on no interview.
            hidden: &["interviewer"],
        },
    ),
    row("PATCH", "/api/v1/candidates/{id}", Can(ManageCandidates)),
    row(
        "GET",
        "/api/v1/candidates/{id}/cv",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            // An interviewer reads only people they interview; the table's is on no interview.
            hidden: &["interviewer"],
        },
    ),
    row("POST", "/api/v1/candidates/{id}/cv", Can(ManageCandidates)),
    row(
        "GET",
        "/api/v1/candidates/{id}/emails",
        Can(ViewAllCandidates),
    ),
    row(
        "POST",
        "/api/v1/candidates/{id}/emails",
        Can(ManageCandidates),
    ),
    row(
        "GET",
        "/api/v1/candidates/{id}/destruction-records",
        Can(ManageCandidates),
    ),
    row(
        "GET",
        "/api/v1/candidates/{id}/export",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/competencies", Signed),
    row("GET", "/api/v1/email-templates", Can(ManageCandidates)),
    row("POST", "/api/v1/email-templates", Can(ManageCandidates)),
    row("PUT", "/api/v1/email-templates/{id}", Can(ManageCandidates)),
    row(
        "DELETE",
        "/api/v1/email-templates/{id}",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/grades", Signed),
    row("PUT", "/api/v1/grades/{code}", Can(EditSalaryBands)),
    row(
        "GET",
        "/api/v1/internships",
        Only {
            allowed: &[
                "intern",
                "mentor",
                "ceo",
                "hiring_manager",
                "recruiter",
                "admin",
            ],
            hidden: &[],
        },
    ),
    row("POST", "/api/v1/internships", Can(ManageInternships)),
    row(
        "GET",
        "/api/v1/internships/programme",
        Can(ManageInternships),
    ),
    row(
        "POST",
        "/api/v1/internships/programme",
        Can(ManageInternships),
    ),
    row(
        "PUT",
        "/api/v1/internships/programme/{item_id}",
        Can(ManageInternships),
    ),
    row(
        "GET",
        "/api/v1/internships/settings",
        Only {
            allowed: &["mentor", "ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "PUT",
        "/api/v1/internships/settings",
        Can(ManageInternships),
    ),
    row(
        "GET",
        "/api/v1/internships/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/decision",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/defence",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/internships/{id}/exam-attempts",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/exam-attempts",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "PUT",
        "/api/v1/internships/{id}/exam-date",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/items/{item_id}/done",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/items/{item_id}/reopen",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    // Materials: a plan item's belong to the intern's mentor and the programme's managers (a
    // fresh mentor is not the demo intern's); the template's, and the fixture's file, to the
    // managers.
    row(
        "POST",
        "/api/v1/internships/{id}/items/{item_id}/materials",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/{id}/items/{item_id}/materials/file",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/internships/programme/{item_id}/materials",
        Can(ManageInternships),
    ),
    row(
        "POST",
        "/api/v1/internships/programme/{item_id}/materials/file",
        Can(ManageInternships),
    ),
    row(
        "DELETE",
        "/api/v1/internships/materials/{id}",
        Can(ManageInternships),
    ),
    row(
        "GET",
        "/api/v1/internships/materials/{id}/file",
        Can(ManageInternships),
    ),
    row(
        "PUT",
        "/api/v1/internships/{id}/project-plan",
        Only {
            allowed: &[],
            hidden: &[],
        },
    ),
    row(
        "PUT",
        "/api/v1/internships/{id}/rotations/{rotation_id}/owner",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "PUT",
        "/api/v1/internships/{id}/rotations/{rotation_id}/scorecard",
        Only {
            allowed: &[],
            hidden: &[],
        },
    ),
    row("POST", "/api/v1/interviews", Can(ScheduleInterviews)),
    row(
        "GET",
        "/api/v1/interviews/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "GET",
        "/api/v1/interviews/{id}/scorecards",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "GET",
        "/api/v1/interviews/{id}/scorecards/me",
        Only {
            allowed: &[],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "PUT",
        "/api/v1/interviews/{id}/scorecards/me",
        Only {
            allowed: &[],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "POST",
        "/api/v1/interviews/{id}/scorecards/me/submit",
        Only {
            allowed: &[],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row("GET", "/api/v1/market/salaries", Signed),
    row("POST", "/api/v1/market/salaries", Can(ImportMarketData)),
    row("GET", "/api/v1/me", Signed),
    row("PATCH", "/api/v1/me", Signed),
    row(
        "PATCH",
        "/api/v1/offers/{id}",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/api/v1/offers/{id}/letter.pdf", Can(ViewSalaries)),
    row(
        "POST",
        "/api/v1/offers/{id}/accept",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/offers/{id}/approve",
        Only {
            allowed: &["ceo", "hiring_manager"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/offers/{id}/decline",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/offers/{id}/reject",
        Only {
            allowed: &["ceo", "hiring_manager"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/offers/{id}/send",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/offers/{id}/submit",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/api/v1/positions", Can(ViewPositions)),
    row("POST", "/api/v1/positions", Can(ManagePositions)),
    row("GET", "/api/v1/positions/{id}", Can(ViewPositions)),
    row("PATCH", "/api/v1/positions/{id}", Can(ManagePositions)),
    row(
        "GET",
        "/api/v1/positions/{id}/board",
        Can(ViewAllCandidates),
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/cancel",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/hold",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/api/v1/positions/{id}/kit", Can(ViewPositions)),
    row("PUT", "/api/v1/positions/{id}/kit", Can(ManagePositions)),
    row(
        "POST",
        "/api/v1/positions/{id}/open",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("POST", "/api/v1/imports", Can(ManageCandidates)),
    row("GET", "/api/v1/imports/{id}", Can(ManageCandidates)),
    row(
        "POST",
        "/api/v1/imports/{id}/confirm",
        Can(ManageCandidates),
    ),
    row("DELETE", "/api/v1/imports/{id}", Can(ManageCandidates)),
    row("GET", "/api/v1/positions/{id}/vacancy", Can(ViewPositions)),
    row(
        "GET",
        "/api/v1/positions/{id}/screen-script",
        Can(ViewPositions),
    ),
    row(
        "PUT",
        "/api/v1/positions/{id}/vacancy",
        Can(ManagePositions),
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/vacancy/regenerate",
        Can(ManagePositions),
    ),
    row("GET", "/api/v1/notifications", Signed),
    // Only the person told may read it: to everyone else it does not exist.
    row(
        "POST",
        "/api/v1/notifications/{id}/read",
        Only {
            allowed: &[],
            hidden: &[
                "intern",
                "mentor",
                "interviewer",
                "ceo",
                "hiring_manager",
                "recruiter",
                "admin",
            ],
        },
    ),
    row("GET", "/api/v1/search", Signed),
    row("GET", "/api/v1/outbox/batches", Can(ManageOutbox)),
    row(
        "POST",
        "/api/v1/outbox/batches/{id}/cancel",
        Can(ManageOutbox),
    ),
    row("POST", "/api/v1/outbox/{id}/cancel", Can(ManageOutbox)),
    row("GET", "/api/v1/settings/outbox", Can(Administer)),
    row("PUT", "/api/v1/settings/outbox", Can(Administer)),
    row("GET", "/api/v1/integrations/hh", Can(Administer)),
    row("PUT", "/api/v1/integrations/hh", Can(Administer)),
    row("POST", "/api/v1/integrations/hh/check", Can(Administer)),
    row("GET", "/api/v1/positions/{id}/hh", Can(ManagePositions)),
    row(
        "POST",
        "/api/v1/positions/{id}/hh/publish",
        Can(ManagePositions),
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/hh/update",
        Can(ManagePositions),
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/hh/archive",
        Can(ManagePositions),
    ),
    row(
        "GET",
        "/api/v1/positions/{id}/hh/searches",
        Can(ViewAllCandidates),
    ),
    row(
        "POST",
        "/api/v1/positions/{id}/hh/searches",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/hh/searches/{id}", Can(ViewAllCandidates)),
    row("PATCH", "/api/v1/hh/searches/{id}", Can(ManageCandidates)),
    row("DELETE", "/api/v1/hh/searches/{id}", Can(ManageCandidates)),
    row(
        "POST",
        "/api/v1/hh/searches/{id}/run",
        Can(ManageCandidates),
    ),
    row(
        "GET",
        "/api/v1/hh/searches/{id}/hits",
        Can(ViewAllCandidates),
    ),
    row(
        "POST",
        "/api/v1/hh/searches/{id}/seen",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/api/v1/hh/hits/{id}/long-list",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/hh/saved-searches", Can(ManageCandidates)),
    row(
        "POST",
        "/api/v1/integrations/hh/sync",
        Can(ManageCandidates),
    ),
    row("GET", "/api/v1/settings/mailbox", Can(Administer)),
    row("GET", "/api/v1/webhooks", Can(Administer)),
    row("POST", "/api/v1/webhooks", Can(Administer)),
    row("GET", "/api/v1/webhooks/{id}", Can(Administer)),
    row("DELETE", "/api/v1/webhooks/{id}", Can(Administer)),
    row("GET", "/api/v1/webhooks/{id}/deliveries", Can(Administer)),
    row(
        "POST",
        "/api/v1/webhooks/deliveries/{id}/retry",
        Can(Administer),
    ),
    row("PUT", "/api/v1/settings/mailbox", Can(Administer)),
    row("POST", "/api/v1/settings/mailbox/poll", Can(Administer)),
    row("GET", "/api/v1/settings/agency", Can(Administer)),
    row("PUT", "/api/v1/settings/agency", Can(Administer)),
    row("PUT", "/api/v1/settings/agency/logo", Can(Administer)),
    row("DELETE", "/api/v1/settings/agency/logo", Can(Administer)),
    row("GET", "/api/v1/settings/values", Signed),
    row("PUT", "/api/v1/settings/values", Can(EditValues)),
    row("GET", "/api/v1/public/positions", Public),
    row("GET", "/api/v1/privacy/retention", Can(Administer)),
    row("PUT", "/api/v1/privacy/retention", Can(Administer)),
    row("POST", "/api/v1/privacy/retention/run", Can(Administer)),
    row(
        "GET",
        "/api/v1/questions",
        Only {
            allowed: &["interviewer", "ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/api/v1/reasons", Can(ViewAllCandidates)),
    row("PUT", "/api/v1/references/{id}", Can(ManageReferences)),
    row(
        "POST",
        "/api/v1/references/{id}/request",
        Can(ManageReferences),
    ),
    row(
        "GET",
        "/api/v1/reports/calibration",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/funnel",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/internships",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/offers",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/predictive",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/sources",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/api/v1/reports/time-to-fill",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/api/v1/tokens", Signed),
    row("POST", "/api/v1/tokens", Public),
    row("DELETE", "/api/v1/tokens/{id}", Signed),
    row(
        "GET",
        "/api/v1/users",
        Only {
            allowed: &["admin", "recruiter", "hiring_manager"],
            hidden: &[],
        },
    ),
    row("POST", "/api/v1/users", Can(Administer)),
    row("PATCH", "/api/v1/users/{id}", Can(Administer)),
];

/// Every page route (the router has no document to read them from: keep this list in step).
pub const PAGES: &[Row] = &[
    row("GET", "/search", Signed),
    row("GET", "/notifications", Signed),
    row("GET", "/", Signed),
    row("GET", "/admin/privacy", Can(Administer)),
    row("POST", "/admin/privacy", Can(Administer)),
    row("POST", "/admin/privacy/run", Can(Administer)),
    row("GET", "/admin/hh", Can(Administer)),
    row("POST", "/admin/hh", Can(Administer)),
    row("POST", "/admin/hh/check", Can(Administer)),
    row("POST", "/admin/hh/disconnect", Can(Administer)),
    row("POST", "/admin/hh/sync", Can(Administer)),
    row("GET", "/integrations/hh/connect", Can(Administer)),
    row("GET", "/integrations/hh/callback", Can(Administer)),
    row("GET", "/positions/{id}/screen-script", Can(ViewPositions)),
    row("GET", "/positions/{id}/hh", Can(ManagePositions)),
    row("POST", "/positions/{id}/hh/publish", Can(ManagePositions)),
    row("POST", "/positions/{id}/hh/update", Can(ManagePositions)),
    row("POST", "/positions/{id}/hh/archive", Can(ManagePositions)),
    row("GET", "/positions/{id}/hh/searches", Can(ViewAllCandidates)),
    row("POST", "/positions/{id}/hh/searches", Can(ManageCandidates)),
    row("GET", "/hh/searches/{id}", Can(ViewAllCandidates)),
    row("POST", "/hh/searches/{id}", Can(ManageCandidates)),
    row("POST", "/hh/searches/{id}/run", Can(ManageCandidates)),
    row("POST", "/hh/searches/{id}/remove", Can(ManageCandidates)),
    row("POST", "/hh/hits/{id}/long-list", Can(ManageCandidates)),
    row("GET", "/admin/mailbox", Can(Administer)),
    row("GET", "/admin/webhooks", Can(Administer)),
    row("POST", "/admin/webhooks", Can(Administer)),
    row("GET", "/admin/webhooks/{id}", Can(Administer)),
    row("POST", "/admin/webhooks/{id}/delete", Can(Administer)),
    row(
        "POST",
        "/admin/webhooks/deliveries/{id}/retry",
        Can(Administer),
    ),
    row("POST", "/admin/mailbox", Can(Administer)),
    row("POST", "/admin/mailbox/poll", Can(Administer)),
    row("GET", "/admin/agency", Can(Administer)),
    row("POST", "/admin/agency", Can(Administer)),
    row("POST", "/admin/agency/logo/remove", Can(Administer)),
    row("GET", "/settings/values", Signed),
    row("POST", "/settings/values", Can(EditValues)),
    row("GET", "/agency.css", Public),
    row("GET", "/candidates/import", Can(ManageCandidates)),
    row("POST", "/candidates/import", Can(ManageCandidates)),
    row("GET", "/candidates/import/{id}", Can(ManageCandidates)),
    row("POST", "/candidates/import/{id}", Can(ManageCandidates)),
    row(
        "GET",
        "/candidates/import/{id}/progress",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/candidates/import/{id}/cancel",
        Can(ManageCandidates),
    ),
    row("GET", "/candidates/export", Can(ViewAllCandidates)),
    row("GET", "/careers", Public),
    row("GET", "/consents/{purpose}", Public),
    row("GET", "/my-data/{token}", Public),
    row("POST", "/my-data/{token}/withdraw", Public),
    row("POST", "/my-data/{token}/give", Public),
    row(
        "GET",
        "/admin/audit",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row("GET", "/admin/outbox", Can(ManageOutbox)),
    row(
        "POST",
        "/admin/outbox/test",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row("GET", "/admin/outbox/{id}", Can(ManageOutbox)),
    // The demo's first email carries a personal link: only admins open its HTML (recruiters
    // open other kinds', see outbox_safety.rs).
    row(
        "GET",
        "/admin/outbox/{id}/html",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row("POST", "/admin/outbox/{id}/retry", Can(ManageOutbox)),
    row("POST", "/admin/outbox/{id}/cancel", Can(ManageOutbox)),
    row(
        "POST",
        "/admin/outbox/batches/{id}/cancel",
        Can(ManageOutbox),
    ),
    row("POST", "/admin/outbox/settings", Can(Administer)),
    row(
        "GET",
        "/admin/reasons",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/admin/reasons",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/admin/reasons/{code}/active",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/admin/users",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/admin/users",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/admin/users/{id}",
        Only {
            allowed: &["admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/bulk",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/brief",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/ceo-decision",
        Only {
            allowed: &["ceo"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/comments",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/follow-up",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/interviews",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/interviews/new",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/move",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/probation",
        Can(ViewAllCandidates),
    ),
    row("POST", "/applications/{id}/probation", Can(RecordProbation)),
    row(
        "GET",
        "/applications/{id}/offers",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/offers",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/profile",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/references",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/references",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/applications/{id}/reject",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/applications/{id}/reject",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/candidates",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/candidates",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/candidates/new",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/candidates/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            // An interviewer reads only people they interview; the table's is on no interview.
            hidden: &["interviewer"],
        },
    ),
    row(
        "POST",
        "/candidates/{id}",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/candidates/{id}/applications",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/candidates/{id}/cv",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            // An interviewer reads only people they interview; the table's is on no interview.
            hidden: &["interviewer"],
        },
    ),
    row("GET", "/candidates/{id}/email/new", Can(ManageCandidates)),
    row("POST", "/candidates/{id}/email", Can(ManageCandidates)),
    row("GET", "/email-templates", Can(ManageCandidates)),
    row("POST", "/email-templates", Can(ManageCandidates)),
    row("GET", "/email-templates/{id}", Can(ManageCandidates)),
    row("POST", "/email-templates/{id}", Can(ManageCandidates)),
    row(
        "POST",
        "/email-templates/{id}/delete",
        Can(ManageCandidates),
    ),
    row(
        "POST",
        "/candidates/{id}/cv",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/candidates/{id}/erase",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/candidates/{id}/export",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/candidates/{id}/flags",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/channels/{id}/checked",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/channels/{id}/delete",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/grades",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("POST", "/grades/market", Can(ImportMarketData)),
    row("GET", "/grades/market/{id}", Can(ImportMarketData)),
    row("POST", "/grades/market/{id}/confirm", Can(ImportMarketData)),
    row(
        "POST",
        "/grades/{code}",
        Only {
            allowed: &["ceo", "hiring_manager", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/healthz", Public),
    row(
        "GET",
        "/internships",
        Only {
            allowed: &[
                "intern",
                "mentor",
                "ceo",
                "hiring_manager",
                "recruiter",
                "admin",
            ],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/internships/code", Signed),
    row(
        "GET",
        "/internships/new",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/internships/programme",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships/programme",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships/settings",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/internships/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("POST", "/internships/{id}/act", Signed),
    row(
        "POST",
        "/internships/{id}/items/{item_id}/materials",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships/{id}/items/{item_id}/materials/file",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships/programme/{item_id}/materials",
        Can(ManageInternships),
    ),
    row(
        "POST",
        "/internships/programme/{item_id}/materials/file",
        Can(ManageInternships),
    ),
    row(
        "POST",
        "/internships/materials/{id}/remove",
        Can(ManageInternships),
    ),
    row(
        "GET",
        "/internships/materials/{id}/file",
        Can(ManageInternships),
    ),
    row(
        "GET",
        "/internships/{id}/decision",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/internships/{id}/decision",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/interviews/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "GET",
        "/interviews/{id}/print",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row(
        "POST",
        "/interviews/{id}/scorecard",
        Only {
            allowed: &[],
            hidden: &["intern", "mentor", "interviewer"],
        },
    ),
    row("GET", "/jobs/{slug}", Public),
    row("POST", "/jobs/{slug}", Public),
    row("GET", "/jobs/{slug}/consent", Public),
    row("POST", "/lang", Public),
    row("GET", "/login", Public),
    row("POST", "/login", Public),
    row("POST", "/logout", Public),
    row("GET", "/o/{token}", Public),
    row("POST", "/o/{token}", Public),
    row("GET", "/offers/decide/{token}", Public),
    row("POST", "/offers/decide/{token}", Public),
    row("GET", "/offers/{id}/letter.pdf", Can(ViewSalaries)),
    row(
        "POST",
        "/offers/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/onboarding/{id}",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions/new",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions/{id}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions/{id}/board",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}/channels",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions/{id}/compare",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/positions/{id}/kit",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}/kit",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}/status",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}/team",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/positions/{id}/vacancy",
        Only {
            allowed: &["hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/profile", Signed),
    row("POST", "/profile", Signed),
    row("POST", "/profile/password", Signed),
    row("POST", "/profile/tokens", Signed),
    row("POST", "/profile/tokens/{id}/revoke", Signed),
    row(
        "GET",
        "/questions",
        Only {
            allowed: &["interviewer", "ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/questions",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/questions/new",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/questions/{id}",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/questions/{id}/edit",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/questions/{id}/retire",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/r/{token}", Public),
    row("POST", "/r/{token}", Public),
    row(
        "POST",
        "/references/{id}/call",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "POST",
        "/references/{id}/request",
        Only {
            allowed: &["recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/reports",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row(
        "GET",
        "/reports/{slug}",
        Only {
            allowed: &["ceo", "hiring_manager", "recruiter", "admin"],
            hidden: &[],
        },
    ),
    row("GET", "/static/{name}", Public),
    row("GET", "/password/forgot", Public),
    row("POST", "/password/forgot", Public),
    row("GET", "/password/reset/{token}", Public),
    row("POST", "/password/reset/{token}", Public),
    row("GET", "/welcome/{token}", Public),
    row("POST", "/welcome/{token}", Public),
];

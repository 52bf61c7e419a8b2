//! `hireloop generate`: fills an empty database with an agency's worth of made-up hiring —
//! positions, candidates, applications with their timelines, interviews with scorecards, and
//! internships — from a fixed seed, so two runs (and two benchmark runs) see the same data.
//!
//! Rows go in as multi-row INSERTs with explicit ids inside transactions: hundreds of
//! thousands of rows in minutes, not the hour row-by-row inserts through the model would take.
//! Nothing here is a business rule; the data only has to look like real use to the queries.

use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter,
};

use crate::auth::model::{NewUser, create_user};
use crate::domain::pipeline::Stage;
use crate::entities::{candidate, end_reason, question, user};
use crate::web::i18n::Lang;

mod vocabulary;
mod writer;

use vocabulary::{COMPANIES, GRADES, SOURCES, TITLES, person_name, pick_from, weighted};
use writer::{Writer, next_id, q, ts};

/// How much to make. The defaults are the volumes of issue 11.
#[derive(Clone, Debug)]
pub struct Sizes {
    pub positions: u32,
    pub candidates: u32,
    pub applications: u32,
    pub scorecard_answers: u32,
    pub internships: u32,
    /// Applications of the first position, the one whose board is measured.
    pub board_applications: u32,
    pub seed: u64,
}

impl Default for Sizes {
    fn default() -> Self {
        Self {
            positions: 200,
            candidates: 100_000,
            applications: 300_000,
            scorecard_answers: 1_000_000,
            internships: 500,
            board_applications: 1_000,
            seed: 11,
        }
    }
}

/// The account the benchmark signs in with.
pub const BENCH_EMAIL: &str = "bench@hireloop.local";
const ANSWERS_PER_SCORECARD: u32 = 10;

/// What was made, for the closing line.
pub struct Summary {
    pub users: u64,
    pub positions: u64,
    pub candidates: u64,
    pub applications: u64,
    pub events: u64,
    pub interviews: u64,
    pub scorecards: u64,
    pub scorecard_answers: u64,
    pub internships: u64,
    pub seconds: f64,
}

/// Fills `db`, which must already be migrated and seeded with reference data, and must hold
/// no candidates yet (a second run would only double the volume it is meant to fix).
pub async fn run(
    db: &DatabaseConnection,
    sizes: &Sizes,
    password: &str,
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    if candidate::Entity::find().count(db).await? > 0 {
        bail!("the database already holds candidates; generate into an empty one");
    }
    if sizes.positions == 0 || sizes.candidates == 0 {
        bail!("--positions and --candidates must be at least 1");
    }
    let mut rng = StdRng::seed_from_u64(sizes.seed);
    let now = Utc::now();
    let backend = db.get_database_backend();

    let admin = match user::Entity::find()
        .filter(user::Column::Email.eq(BENCH_EMAIL))
        .one(db)
        .await?
    {
        Some(found) => found,
        None => create_user(
            db,
            None,
            NewUser {
                email: BENCH_EMAIL.into(),
                name: "Benchmark".into(),
                role: "admin".into(),
                password: password.into(),
                lang: Lang::En,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("creating {BENCH_EMAIL}: {e}"))?,
    };
    let questions: Vec<i32> = question::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|q| q.active)
        .map(|q| q.id)
        .collect();
    if questions.len() < ANSWERS_PER_SCORECARD as usize {
        bail!("the question bank is not seeded; run `hireloop seed` first");
    }
    let reasons: Vec<end_reason::Model> = end_reason::Entity::find().all(db).await?;
    let reasons_of = |kind: &str| -> Vec<String> {
        reasons
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.code.clone())
            .collect()
    };
    let (rejections, withdrawals) = (reasons_of("reject"), reasons_of("withdraw"));

    // Staff: recruiters, hiring managers, interviewers, mentors, and one intern per internship.
    let mut writer = Writer::new(db);
    let next_user = next_id(db, "users").await?;
    let staff: [(&str, u32); 4] = [
        ("recruiter", 10),
        ("hiring_manager", 10),
        ("interviewer", 40),
        ("mentor", 50),
    ];
    let mut by_role: Vec<(&str, Vec<i32>)> = Vec::new();
    let mut id = next_user;
    writer
        .begin(
            "users",
            "id, email, name, role, grade, department, lang, timezone, password_hash, active, \
             created_at, updated_at",
            u64::from(staff.iter().map(|s| s.1).sum::<u32>() + sizes.internships),
        )
        .await?;
    for (role, count) in staff
        .into_iter()
        .chain(std::iter::once(("intern", sizes.internships)))
    {
        let mut ids = Vec::new();
        for n in 0..count {
            let name = person_name(&mut rng);
            writer
                .row(format!(
                    "{id}, {}, {}, {}, NULL, NULL, 'ru', 'Europe/Moscow', {}, TRUE, {t}, {t}",
                    q(&format!("{role}{n}@bench.hireloop.local")),
                    q(&name),
                    q(role),
                    q(&admin.password_hash),
                    t = ts(now),
                ))
                .await?;
            ids.push(id);
            id += 1;
        }
        by_role.push((role, ids));
    }
    writer.finish().await?;
    let pick = |role: &str| -> Vec<i32> {
        by_role
            .iter()
            .find(|(r, _)| *r == role)
            .map(|(_, ids)| ids.clone())
            .unwrap_or_default()
    };
    let (recruiters, managers, interviewers, mentors, interns) = (
        pick("recruiter"),
        pick("hiring_manager"),
        pick("interviewer"),
        pick("mentor"),
        pick("intern"),
    );

    // Positions: the first is the one with `board_applications` applications.
    let first_position = next_id(db, "positions").await?;
    writer
        .begin(
            "positions",
            "id, slug, title, grade, status, reports_to, headcount, company, role, duties, \
             requirements, conditions, kpis, recruiter_id, hiring_manager_id, target_date, \
             opened_on, filled_on, version, created_at, updated_at",
            u64::from(sizes.positions),
        )
        .await?;
    for n in 0..sizes.positions {
        let pid = first_position + n as i32;
        let opened = now - Duration::days(rng.random_range(10..400));
        let grade = GRADES[n as usize % GRADES.len()];
        writer
            .row(format!(
                "{pid}, {}, {}, {}, 'open', 'Account Director', {}, {}, {}, {}, {}, {}, {}, {}, \
                 {}, {}, {}, NULL, 1, {t}, {t}",
                q(&format!("bench-{pid}")),
                q(&format!("{} #{}", TITLES[n as usize % TITLES.len()], n + 1)),
                q(grade),
                1 + (n % 3),
                q(COMPANIES[n as usize % COMPANIES.len()]),
                q("Ведёт 8–20 клиентов агентства: онбординг, допродажи, удержание."),
                q("Коммуникация с клиентом, задачи специалистам, счета и акты, отчёты."),
                q("Опыт работы с клиентами в digital от года; грамотная письменная речь."),
                q("Офис или гибрид, ДМС, бонус от дебиторки."),
                q("Отток, NPS, LTV, собранная дебиторка."),
                pick_from(&mut rng, &recruiters),
                pick_from(&mut rng, &managers),
                q(&(opened + Duration::days(60)).date_naive().to_string()),
                q(&opened.date_naive().to_string()),
                t = ts(opened),
            ))
            .await?;
    }
    writer.finish().await?;

    // Candidates, with unique emails and phones.
    let first_candidate = next_id(db, "candidates").await?;
    writer
        .begin(
            "candidates",
            "id, full_name, email, phone, current_title, current_company, expected_salary, \
             currency, links, lang, reference_consent, talent_pool, erased_at, version, \
             created_at, updated_at, tags, notes, cv_file_id, source, search_text",
            u64::from(sizes.candidates),
        )
        .await?;
    for n in 0..sizes.candidates {
        let cid = first_candidate + n as i32;
        let name = person_name(&mut rng);
        let email = format!("candidate{cid}@mail.example");
        let phone = format!("+79{:09}", 100_000_000 + cid);
        let company = COMPANIES[rng.random_range(0..COMPANIES.len())];
        let title = TITLES[rng.random_range(0..TITLES.len())];
        let salary = rng.random_range(40..230) * 1000;
        let created = now - Duration::minutes(rng.random_range(0..60 * 24 * 420));
        let search = crate::domain::search::fold(&format!("{name} {email} {phone} {company}"));
        writer
            .row(format!(
                "{cid}, {}, {}, {}, {}, {}, {salary}, 'RUB', NULL, 'ru', FALSE, {}, NULL, 1, \
                 {t}, {t}, NULL, NULL, NULL, {}, {}",
                q(&name),
                q(&email),
                q(&phone),
                q(title),
                q(company),
                if rng.random_ratio(1, 10) {
                    "TRUE"
                } else {
                    "FALSE"
                },
                q(weighted(&mut rng, SOURCES)),
                q(&search),
                t = ts(created),
            ))
            .await?;
    }
    writer.finish().await?;

    // Applications and their timelines. Candidate c applies to up to three positions; the
    // first `board_applications` candidates' first application goes to the first position.
    let first_application = next_id(db, "applications").await?;
    let first_event = next_id(db, "application_events").await?;
    let others = (sizes.positions - 1).max(1);
    let per_candidate = sizes.applications.div_ceil(sizes.candidates).max(1);
    let mut events = Vec::new();
    let mut application_rows = 0u64;
    let mut event_id = first_event;
    let mut interview_targets = Vec::new();
    writer
        .begin(
            "applications",
            "id, candidate_id, position_id, stage, source, ended_reason, stage_changed_at, \
             version, created_at, updated_at, next_contact_on, follow_up_step, start_date, \
             started_on, backup, left_from_stage",
            u64::from(sizes.applications),
        )
        .await?;
    'made: for k in 0..per_candidate {
        for n in 0..sizes.candidates {
            if application_rows >= u64::from(sizes.applications) {
                break 'made;
            }
            let position = if k == 0 && n < sizes.board_applications || sizes.positions == 1 {
                first_position
            } else {
                // Distinct for k = 0, 1, 2 of one candidate (67 and 134 are not multiples of
                // 199), and never the first position.
                first_position + 1 + ((n * 7 + k * 67) % others) as i32
            };
            if k > 0 && position == first_position {
                continue;
            }
            let aid = first_application + application_rows as i32;
            application_rows += 1;
            let created = now - Duration::minutes(rng.random_range(60 * 24..60 * 24 * 365));
            let source = weighted(&mut rng, SOURCES);
            let path = Path::draw(&mut rng);
            // Each step a few days after the last, never in the future.
            let mut at = created;
            events.push(format!(
                "{{id}}, {aid}, {}, NULL, 'created', NULL, 'long_list', {}",
                ts(at),
                q(source)
            ));
            for step in 1..=path.furthest {
                let gap = Duration::hours(rng.random_range(12..24 * 9));
                at = (at + gap).min(now);
                events.push(format!(
                    "{{id}}, {aid}, {}, {}, 'stage', {}, {}, NULL",
                    ts(at),
                    pick_from(&mut rng, &recruiters),
                    q(Stage::FLOW[step - 1].as_str()),
                    q(Stage::FLOW[step].as_str()),
                ));
            }
            let furthest = Stage::FLOW[path.furthest].as_str();
            let (stage, reason, left_from) = match path.ended {
                Some(kind) => {
                    at = (at + Duration::hours(rng.random_range(12..24 * 9))).min(now);
                    let codes = if kind == "rejected" {
                        &rejections
                    } else {
                        &withdrawals
                    };
                    let reason = (!codes.is_empty())
                        .then(|| codes[rng.random_range(0..codes.len())].clone());
                    events.push(format!(
                        "{{id}}, {aid}, {}, {}, 'stage', {}, {}, {}",
                        ts(at),
                        pick_from(&mut rng, &recruiters),
                        q(furthest),
                        q(kind),
                        reason.as_deref().map_or("NULL".into(), q),
                    ));
                    (kind, reason, Some(furthest))
                }
                None => (furthest, None, None),
            };
            let active = path.ended.is_none() && furthest != "started";
            let next_contact = if active {
                q(&(at + Duration::days(rng.random_range(1..14)))
                    .date_naive()
                    .to_string())
            } else {
                "NULL".into()
            };
            let start_date = if matches!(furthest, "hired" | "started") && path.ended.is_none() {
                q(&(at + Duration::days(14)).date_naive().to_string())
            } else {
                "NULL".into()
            };
            let started_on = if furthest == "started" && path.ended.is_none() {
                start_date.clone()
            } else {
                "NULL".into()
            };
            writer
                .row(format!(
                    "{aid}, {}, {position}, {}, {}, {}, {}, 1, {}, {}, {next_contact}, 0, \
                     {start_date}, {started_on}, FALSE, {}",
                    first_candidate + n as i32,
                    q(stage),
                    q(source),
                    reason.as_deref().map_or("NULL".into(), q),
                    ts(at),
                    ts(created),
                    ts(at),
                    left_from.map_or("NULL".into(), q),
                ))
                .await?;
            if path.furthest >= 1 {
                interview_targets.push((aid, at));
            }
        }
    }
    writer.finish().await?;
    // Timelines after their applications: SQLite has one writer, so one transaction at a time.
    writer
        .begin(
            "application_events",
            "id, application_id, at, actor_id, kind, from_stage, to_stage, note",
            events.len() as u64,
        )
        .await?;
    for row in events.drain(..) {
        writer
            .row(row.replacen("{id}", &event_id.to_string(), 1))
            .await?;
        event_id += 1;
    }
    writer.finish().await?;
    let event_rows = (event_id - first_event) as u64;

    // Interviews, each with one interviewer and a submitted scorecard of ten answers.
    let scorecards = sizes.scorecard_answers / ANSWERS_PER_SCORECARD;
    let first_interview = next_id(db, "interviews").await?;
    let first_scorecard = next_id(db, "scorecards").await?;
    let mut plan = Vec::with_capacity(scorecards as usize);
    for n in 0..scorecards as usize {
        if interview_targets.is_empty() {
            break;
        }
        let (aid, at) = interview_targets[n % interview_targets.len()];
        let interviewer = pick_from(&mut rng, &interviewers);
        plan.push((
            first_interview + n as i32,
            aid,
            at - Duration::days(2),
            interviewer,
        ));
    }
    writer
        .begin(
            "interviews",
            "id, application_id, kind, scheduled_at, duration_minutes, place, status, \
             created_by, created_at, updated_at",
            plan.len() as u64,
        )
        .await?;
    for (iid, aid, at, _) in &plan {
        writer
            .row(format!(
                "{iid}, {aid}, 'competency', {}, 60, 'Zoom', 'scheduled', {}, {t}, {t}",
                ts(*at),
                pick_from(&mut rng, &recruiters),
                t = ts(*at - Duration::days(3)),
            ))
            .await?;
    }
    writer.finish().await?;
    writer
        .begin(
            "interview_interviewers",
            "interview_id, user_id",
            plan.len() as u64,
        )
        .await?;
    for (iid, _, _, interviewer) in &plan {
        writer.row(format!("{iid}, {interviewer}")).await?;
    }
    writer.finish().await?;
    writer
        .begin(
            "scorecards",
            "id, interview_id, interviewer_id, status, recommendation, strengths, concerns, \
             notes, submitted_at, reminder_sent_at, created_at, updated_at",
            plan.len() as u64,
        )
        .await?;
    for (n, (iid, _, at, interviewer)) in plan.iter().enumerate() {
        let recommendation = ["strong_no", "no", "yes", "strong_yes"][rng.random_range(0..4)];
        writer
            .row(format!(
                "{}, {iid}, {interviewer}, 'submitted', {}, {}, {}, '', {t}, NULL, {t}, {t}",
                first_scorecard + n as i32,
                q(recommendation),
                q("Структурно отвечает, приводит примеры из практики."),
                q("Мало опыта с финансовыми документами."),
                t = ts(*at + Duration::hours(2)),
            ))
            .await?;
    }
    writer.finish().await?;
    writer
        .begin(
            "scorecard_answers",
            "scorecard_id, question_id, score, notes, follow_ups_asked",
            plan.len() as u64 * u64::from(ANSWERS_PER_SCORECARD),
        )
        .await?;
    for n in 0..plan.len() {
        let offset = rng.random_range(0..questions.len());
        for a in 0..ANSWERS_PER_SCORECARD as usize {
            let question = questions[(offset + a) % questions.len()];
            writer
                .row(format!(
                    "{}, {question}, {}, '', '[]'",
                    first_scorecard + n as i32,
                    rng.random_range(1..=5),
                ))
                .await?;
        }
    }
    writer.finish().await?;

    // Internships: one intern each, a mentor, some finished with a decision.
    let first_internship = next_id(db, "internships").await?;
    writer
        .begin(
            "internships",
            "id, intern_id, mentor_id, application_id, group_name, start_date, exam_track, \
             exam_on, project_plan, project_plan_at, mentor_notes, status, outcome, \
             outcome_department, outcome_reason, decided_at, decided_by, created_by, version, \
             created_at, updated_at",
            interns.len() as u64,
        )
        .await?;
    for (n, intern) in interns.iter().enumerate() {
        let start = now - Duration::days(rng.random_range(0..720));
        let track = if n % 2 == 0 { "seo" } else { "ppc" };
        writer
            .row(format!(
                "{}, {intern}, {}, NULL, {}, {}, {}, {}, '', NULL, '', 'active', NULL, NULL, \
                 NULL, NULL, NULL, {}, 1, {t}, {t}",
                first_internship + n as i32,
                pick_from(&mut rng, &mentors),
                q(&format!("Группа {}", n % 12 + 1)),
                q(&start.date_naive().to_string()),
                q(track),
                q(&(start + Duration::days(28)).date_naive().to_string()),
                admin.id,
                t = ts(start),
            ))
            .await?;
    }
    writer.finish().await?;

    if backend == DatabaseBackend::Postgres {
        // Explicit ids leave the sequences behind; the app's next insert would collide.
        for table in [
            "users",
            "positions",
            "candidates",
            "applications",
            "application_events",
            "interviews",
            "scorecards",
            "internships",
        ] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 COALESCE((SELECT MAX(id) FROM {table}), 1))"
            ))
            .await
            .with_context(|| format!("moving the id sequence of {table}"))?;
        }
    }
    db.execute_unprepared(if backend == DatabaseBackend::Postgres {
        "ANALYZE"
    } else {
        "PRAGMA optimize; ANALYZE"
    })
    .await?;

    Ok(Summary {
        users: (id - next_user) as u64,
        positions: u64::from(sizes.positions),
        candidates: u64::from(sizes.candidates),
        applications: application_rows,
        events: event_rows,
        interviews: plan.len() as u64,
        scorecards: plan.len() as u64,
        scorecard_answers: plan.len() as u64 * u64::from(ANSWERS_PER_SCORECARD),
        internships: interns.len() as u64,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Where one application got to: the furthest step of the flow, and whether it then ended.
struct Path {
    furthest: usize,
    ended: Option<&'static str>,
}

impl Path {
    /// Half of all applications end (mostly rejected, mostly early); the rest are spread over
    /// the flow, thinning towards the offer as real funnels do.
    fn draw(rng: &mut StdRng) -> Self {
        let roll = rng.random_range(0..100);
        if roll < 52 {
            let furthest = weighted(rng, &[(0, 60), (1, 25), (2, 8), (3, 5), (4, 2)]);
            let ended = if roll < 40 { "rejected" } else { "withdrawn" };
            Path {
                furthest,
                ended: Some(ended),
            }
        } else {
            let furthest = weighted(
                rng,
                &[(0, 55), (1, 22), (2, 10), (3, 6), (4, 4), (5, 2), (6, 1)],
            );
            Path {
                furthest,
                ended: None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_draws_the_same_data() {
        let draw = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50)
                .map(|_| {
                    let p = Path::draw(&mut rng);
                    (p.furthest, p.ended, person_name(&mut rng))
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(11), draw(11));
        assert_ne!(draw(11), draw(12));
    }

    #[test]
    fn literals_are_quoted_for_sql() {
        assert_eq!(q("O'Brien"), "'O''Brien'");
        assert!(ts(Utc::now()).ends_with("+00:00'"));
    }
}

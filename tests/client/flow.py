"""The whole hiring flow driven through the Python client generated from Hireloop's OpenAPI
document (openapi-python-client), as an integrator's script would: users, a position, a
candidate, an application moved along the pipeline, an interview with a submitted scorecard,
an offer approved by the hiring manager and the CEO, sent, accepted, the start, then the hire's
internship with an exam attempt, a defence and a decision.

Only the generated functions and models are used. Each step checks the answer's status and key
fields; the first failure stops the script with a message and a non-zero exit.

Run by .ci/api-client with the generated package on PYTHONPATH, HIRELOOP_URL (the running app)
and HIRELOOP_ADMIN_TOKEN (an admin's bearer token).
"""

import datetime
import importlib
import os
import pkgutil
import sys
import traceback

import hireloop_client
from hireloop_client import AuthenticatedClient, Client, errors
from hireloop_client.api.admin import create_user_account, list_users
from hireloop_client.api.applications import (
    create_application,
    get_application,
    move_application,
    start_work,
)
from hireloop_client.api.auth import create_token, me
from hireloop_client.api.candidates import create_candidate
from hireloop_client.api.internships import decide, enrol, grade_defence, list_attempts, record_attempt, show
from hireloop_client.api.interviews import (
    competency_profile,
    my_scorecard,
    save_my_scorecard,
    schedule_interview,
    submit_my_scorecard,
    team_scorecards,
)
from hireloop_client.api.offers import (
    accept_offer,
    approve_offer,
    download_offer_letter,
    draft_offer,
    list_offers,
    send_offer,
    submit_offer,
)
from hireloop_client.api.positions import create_position, get_position, open_position, patch_position
from hireloop_client.api.reference import grades
from hireloop_client.models import (
    AcceptRequest,
    AnswerInput,
    AttemptRequest,
    ConsentRequest,
    CreateApplicationRequest,
    CreateCandidateRequest,
    CreatePositionRequest,
    CreateUserRequest,
    CriterionGrade,
    DefenceRequest,
    EnrolRequest,
    InternshipDecisionRequest,
    MoveApplicationRequest,
    OfferCommentRequest,
    OfferRequest,
    PatchPositionRequest,
    Profile,
    RatingInput,
    ScheduleRequest,
    ScorecardInput,
    StartPreview,
    StartRequest,
    TokenRequest,
)

BASE_URL = os.environ["HIRELOOP_URL"]
PASSWORD = "client-flow-password-123456"
TODAY = datetime.date.today()


class FlowFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise FlowFailed(message)


def call(name, endpoint, expected, *args, **kwargs):
    """Calls a generated endpoint and checks the status; answers the parsed model."""
    try:
        response = endpoint.sync_detailed(*args, **kwargs)
    except errors.UnexpectedStatus as e:
        raise FlowFailed(f"{name}: HTTP {e.status_code} is not in the document: {e.content[:600]!r}") from e
    except (KeyError, TypeError, ValueError) as e:
        # from_dict met a field the document did not promise (or missed one it did).
        raise FlowFailed(f"{name}: the answer does not match its documented schema: {e!r}") from e
    status = int(response.status_code)
    check(status == expected, f"{name}: expected HTTP {expected}, got {status}: {response.content[:600]!r}")
    print(f"ok   {name} ({status})")
    return response.parsed


def client_for(token):
    return AuthenticatedClient(base_url=BASE_URL, token=token, raise_on_unexpected_status=True)


def every_module_imports():
    """A generated module that does not import is a broken client, used by this flow or not."""
    for module in pkgutil.walk_packages(hireloop_client.__path__, "hireloop_client."):
        importlib.import_module(module.name)
    print("ok   every generated module imports")


def people(admin):
    """One user per role the flow needs, each with a token of their own."""
    anonymous = Client(base_url=BASE_URL, raise_on_unexpected_status=True)
    made = {}
    for role in ["recruiter", "hiring_manager", "ceo", "interviewer", "mentor"]:
        email = f"flow-{role.replace('_', '-')}@example.test"
        body = CreateUserRequest(email=email, name=f"Flow {role}", role=role, password=PASSWORD, lang="en")
        user = call(f"create the {role}", create_user_account, 201, client=admin, body=body)
        check(user.role == role and user.active, f"the new {role} is active in that role: {user}")
        token = call(f"sign in as the {role}", create_token, 201, client=anonymous,
                     body=TokenRequest(email=email, password=PASSWORD, name="client flow"))
        check(token.token, f"a token for the {role}")
        made[role] = (user, client_for(token.token))
    recruiter = made["recruiter"][1]
    whoami = call("who the recruiter's token is", me, 200, client=recruiter)
    check(whoami.email == "flow-recruiter@example.test", f"/me names the recruiter: {whoami.email}")
    # The recruiter picks interviewers and approvers by role, as the API documents.
    managers = call("list hiring managers", list_users, 200, client=recruiter, role="hiring_manager")
    check([u.id for u in managers.items] == [made["hiring_manager"][0].id],
          f"GET /users?role=hiring_manager finds the one hiring manager: {managers.items}")
    return made


def position(recruiter, manager_id, interviewer_id):
    bands = {g.code: g for g in call("read the grades", grades, 200, client=recruiter)}
    check("intern" in bands, f"an intern grade exists: {sorted(bands)}")
    profile = Profile(
        company="A digital agency of forty people: SEO, PPC and web development for mid-sized clients.",
        role="Learns to own client relationships under a mentor's eye.",
        duties="- answer clients the same day\n- keep the task tracker current\n- prepare monthly reports",
        requirements="- clear written Russian\n- spreadsheets\n- wish to learn SEO and PPC",
        conditions="- one month programme with a mentor\n- hybrid work",
        kpis="- client answers within 15 minutes",
    )
    body = CreatePositionRequest(title="Account manager intern", grade="intern",
                                 reports_to="Account Director", headcount=1, profile=profile)
    made = call("create a position", create_position, 201, client=recruiter, body=body)
    check(made.status == "draft", f"a new position is a draft: {made.status}")
    patched = call("name its hiring manager and interviewer", patch_position, 200, made.id, client=recruiter,
                   body=PatchPositionRequest(version=made.version, hiring_manager_id=manager_id,
                                             interviewer_ids=[interviewer_id]))
    check(patched.hiring_manager_id == manager_id, f"the hiring manager is set: {patched.hiring_manager_id}")
    opened = call("open the position", open_position, 200, made.id, client=recruiter)
    check(opened.status == "open" and opened.opened_on is not None, f"the position is open: {opened.status}")
    return opened, bands["intern"]


def application(recruiter, position_id):
    consent = ConsentRequest(given_at=datetime.datetime.now(datetime.timezone.utc).isoformat(), text_version="v1")
    body = CreateCandidateRequest(full_name="Anna Flow", email="anna.flow@example.test", phone="+7 900 123-45-67",
                                  current_title="Sales assistant", expected_salary=60000, currency="RUB",
                                  consent=consent, lang="en")
    candidate = call("create a candidate", create_candidate, 201, client=recruiter, body=body)
    check(candidate.full_name == "Anna Flow" and candidate.email == "anna.flow@example.test",
          f"the candidate as sent: {candidate}")
    made = call("apply to the position", create_application, 201, client=recruiter,
                body=CreateApplicationRequest(candidate_id=candidate.id, position_id=position_id, source="referral"))
    check(made.stage == "long_list", f"a new application is on the long-list: {made.stage}")
    return made


def move(recruiter, app_id, to):
    moved = call(f"move to {to}", move_application, 200, app_id, client=recruiter,
                 body=MoveApplicationRequest(to=to))
    check(moved.stage == to, f"the application is at {to}: {moved.stage}")
    return moved


def interview(recruiter, interviewer, interviewer_id, app_id):
    at = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)
    body = ScheduleRequest(application_id=app_id, kind="competency", scheduled_at=at,
                           interviewer_ids=[interviewer_id])
    made = call("schedule a competency interview", schedule_interview, 201, client=recruiter, body=body)
    check(made.interviewer_ids == [interviewer_id], f"the interviewer is on it: {made.interviewer_ids}")
    check(len(made.kit) > 0, "the interview kit has questions")
    draft = call("the interviewer opens their scorecard", my_scorecard, 200, made.id, client=interviewer)
    check(draft.status == "draft", f"a scorecard starts as a draft: {draft.status}")
    questions = made.kit[:3]
    competencies = sorted({q.competency for q in questions})
    card = ScorecardInput(
        answers=[AnswerInput(question_id=q.id, score=4, notes="Concrete examples.", follow_ups_asked=[])
                 for q in questions],
        ratings=[RatingInput(competency=c, score=4) for c in competencies],
        recommendation="yes",
        strengths="Listens, then answers to the point.",
        concerns="Little PPC yet.",
        notes="Worth a reference check.",
    )
    saved = call("save the scorecard", save_my_scorecard, 200, made.id, client=interviewer, body=card)
    check(len(saved.answers) == len(questions), f"every answer kept: {len(saved.answers)}")
    submitted = call("submit the scorecard", submit_my_scorecard, 200, made.id, client=interviewer)
    check(submitted.status == "submitted" and submitted.submitted_at is not None,
          f"the scorecard is submitted: {submitted.status}")
    team = call("the team reads the scorecards", team_scorecards, 200, made.id, client=recruiter)
    check([s.interviewer_id for s in team] == [interviewer_id], "the submitted scorecard is shared")
    profile = call("read the competency profile", competency_profile, 200, app_id, client=recruiter)
    rated = {c.competency: c for c in profile.competencies}
    check(all(c in rated and rated[c].raters == 1 for c in competencies),
          f"each rated competency shows its one rater: {sorted(rated)}")


def offer(made, band, app_id):
    recruiter, manager, ceo = made["recruiter"][1], made["hiring_manager"][1], made["ceo"][1]
    salary = (band.salary_min + band.salary_max) // 2
    start = TODAY + datetime.timedelta(days=14)
    body = OfferRequest(salary=salary, currency=band.currency, start_date=start, probation_months=3,
                        terms="Hybrid work, a mentor for the first month.", bonus_terms="", change_reason="")
    draft = call("draft the offer", draft_offer, 201, app_id, client=recruiter, body=body)
    check(draft.revision == 1 and draft.status == "draft" and draft.salary == salary,
          f"revision 1 is a draft at {salary}: {draft.revision} {draft.status} {draft.salary}")
    submitted = call("submit it for approval", submit_offer, 200, draft.id, client=recruiter)
    check(submitted.status == "awaiting_manager", f"the hiring manager decides first: {submitted.status}")
    early = call("the CEO cannot approve before the manager", approve_offer, 409, draft.id, client=ceo,
                 body=OfferCommentRequest(comment="Out of turn"))
    check(early.status == 409, "out of turn is a problem with status 409")
    approved = call("the hiring manager approves", approve_offer, 200, draft.id, client=manager,
                    body=OfferCommentRequest(comment="Fits the band."))
    check(approved.status == "awaiting_ceo" and approved.manager_decision == "approved",
          f"then the CEO: {approved.status}")
    approved = call("the CEO approves", approve_offer, 200, draft.id, client=ceo,
                    body=OfferCommentRequest(comment="Go."))
    check(approved.status == "approved" and approved.ceo_decision == "approved", f"approved: {approved.status}")
    sent = call("send the offer", send_offer, 200, draft.id, client=recruiter)
    check(sent.status == "sent" and sent.sent_at is not None, f"sent: {sent.status}")
    letter = call("download the offer letter", download_offer_letter, 200, draft.id, client=recruiter)
    check(letter.payload.read(5) == b"%PDF-", "the letter is a PDF file")
    # The candidate answers through a one-time link emailed to them (a page, not the API); the
    # API's way is the recruiter recording the answer they gave.
    accepted = call("record the candidate's acceptance", accept_offer, 200, draft.id, client=recruiter,
                    body=AcceptRequest(start_date=start))
    check(accepted.status == "accepted" and accepted.answered_at is not None, f"accepted: {accepted.status}")
    revisions = call("list the offer's revisions", list_offers, 200, app_id, client=recruiter)
    check([o.status for o in revisions] == ["accepted"], f"one accepted revision: {[o.status for o in revisions]}")
    hired = call("read the application", get_application, 200, app_id, client=recruiter)
    check(hired.stage == "hired", f"an accepted offer hires: {hired.stage}")
    check(hired.timeline and any(e.to_stage == "hired" for e in hired.timeline), "the timeline shows the hire")


def started(recruiter, app_id, position_id):
    preview = call("preview the start", start_work, 200, app_id, client=recruiter,
                   body=StartRequest(started_on=TODAY, preview=True))
    check(isinstance(preview, StartPreview), f"a preview answers with what would happen: {type(preview).__name__}")
    check(preview.fills_position and preview.closes == [], f"the start fills the position: {preview}")
    ahead = call("a start ahead of today is refused", start_work, 422, app_id, client=recruiter,
                 body=StartRequest(started_on=TODAY + datetime.timedelta(days=1)))
    check(any(e.field == "started_on" for e in ahead.errors), "the problem names started_on")
    done = call("record the start", start_work, 200, app_id, client=recruiter, body=StartRequest(started_on=TODAY))
    check(done.stage == "started", f"the hire started: {done.stage}")
    filled = call("read the position", get_position, 200, position_id, client=recruiter)
    check(filled.status == "filled" and filled.filled_on is not None, f"the start fills it: {filled.status}")


def internship(made, app_id):
    recruiter, mentor = made["recruiter"][1], made["mentor"][1]
    mentor_id = made["mentor"][0].id
    body = EnrolRequest(application_id=app_id, mentor_id=mentor_id, start_date=TODAY, exam_track="seo")
    plan = call("enrol the hire as an intern", enrol, 201, client=recruiter, body=body)
    check(plan.mentor.id == mentor_id and plan.intern.email == "anna.flow@example.test",
          f"the hire is the intern, with the mentor: {plan.intern.email}")
    check(plan.weeks and all(w.items for w in plan.weeks), "a plan of weeks with items")
    check(plan.defence_rubric, "the defence rubric is shown")
    attempt = call("record an exam attempt", record_attempt, 201, plan.id, client=mentor,
                   body=AttemptRequest(exam="seo", taken_on=TODAY, score=92, max_score=100, notes=""))
    check(attempt.attempt == 1 and attempt.passed, f"the first attempt passed: {attempt.attempt} {attempt.passed}")
    attempts = call("list the attempts", list_attempts, 200, plan.id, client=mentor)
    check([a.attempt for a in attempts] == [1], "one attempt listed")
    grades = [CriterionGrade(criterion=line.criterion, score=5) for line in plan.defence_rubric]
    defence = call("grade the defence", grade_defence, 200, plan.id, client=mentor,
                   body=DefenceRequest(grades=grades, notes="A clear plan for the first client."))
    check(defence.passed, f"the defence passed: {defence}")
    early = call("a decision before the last week needs a reason", decide, 409, plan.id, client=mentor,
                 body=InternshipDecisionRequest(outcome="promote", reason="Ready early."))
    check(early.status == 409, "a 409 problem")
    decided = call("promote the intern", decide, 200, plan.id, client=mentor,
                   body=InternshipDecisionRequest(outcome="promote", reason="Passed the exam and the defence.",
                                                  early_reason="Ready before the programme ends."))
    check(decided.decision and decided.decision.outcome == "promote", f"promoted: {decided.decision}")
    shown = call("read the internship", show, 200, plan.id, client=recruiter)
    check(shown.exam_passed and shown.decision.outcome == "promote", "the decision and the exam are on record")


def main():
    every_module_imports()
    admin = client_for(os.environ["HIRELOOP_ADMIN_TOKEN"])
    made = people(admin)
    recruiter = made["recruiter"][1]
    opened, band = position(recruiter, made["hiring_manager"][0].id, made["interviewer"][0].id)
    app = application(recruiter, opened.id)
    move(recruiter, app.id, "short_list")
    interview(recruiter, made["interviewer"][1], made["interviewer"][0].id, app.id)
    for stage in ["references", "ceo_interview", "offer"]:
        move(recruiter, app.id, stage)
    offer(made, band, app.id)
    started(recruiter, app.id, opened.id)
    internship(made, app.id)
    print("client flow: every step passed")


if __name__ == "__main__":
    try:
        main()
    except FlowFailed as failure:
        print(f"FAILED {failure}", file=sys.stderr)
        sys.exit(1)
    except AttributeError as missing:
        # A model without a field the flow relies on: the document stopped describing it.
        traceback.print_exc()
        print(f"FAILED a generated model lacks a field: {missing}", file=sys.stderr)
        sys.exit(1)

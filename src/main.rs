//! The `hireloop` command line: serve (the default), migrate, seed, generate, create-user,
//! create-token.

use std::io::{BufRead, IsTerminal, Write};
use std::net::SocketAddr;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use hireloop::app::Application;
use hireloop::auth::model::{NewUser, create_token, create_user, normalize_email};
use hireloop::config::{Config, DEFAULT_DATABASE_URL, DEFAULT_FILES_URL, LoginPolicy, MailConfig};
use hireloop::entities::user;
use hireloop::secrets::SecretKey;
use hireloop::web::i18n::Lang;
use hireloop::{db, generate, seed, telemetry};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[derive(Parser)]
#[command(
    name = "hireloop",
    version,
    about = "Hiring and growing account managers",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// sqlite://path?mode=rwc (the default, under ./data) or postgres://user@host/db
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web app (the default when no command is given).
    Serve(ServeArgs),
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Load seed-data (grades, competencies, market data) and exit.
    Seed,
    /// Add a user; the password is read from standard input.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// admin, recruiter, hiring_manager, ceo, interviewer, mentor or intern
        #[arg(long)]
        role: String,
        #[arg(long, default_value = "ru")]
        lang: String,
    },
    /// Fill an empty database with agency-scale made-up data for benchmarks (fixed seed).
    Generate(GenerateArgs),
    /// Print a new API token for a user.
    CreateToken {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "CLI")]
        name: String,
    },
}

#[derive(Args, Clone)]
struct GenerateArgs {
    #[arg(long, default_value_t = 200)]
    positions: u32,
    #[arg(long, default_value_t = 100_000)]
    candidates: u32,
    #[arg(long, default_value_t = 300_000)]
    applications: u32,
    #[arg(long, default_value_t = 1_000_000)]
    scorecard_answers: u32,
    #[arg(long, default_value_t = 500)]
    internships: u32,
    /// Applications of the first position (the board that is measured).
    #[arg(long, default_value_t = 1_000)]
    board_applications: u32,
    /// The same seed makes the same data.
    #[arg(long, default_value_t = 11)]
    seed: u64,
    /// Password of the benchmark account (bench@hireloop.local, admin); read from the
    /// environment so that it stays out of `ps`.
    #[arg(
        long,
        env = "HIRELOOP_BENCH_PASSWORD",
        default_value = "bench-password-11"
    )]
    password: String,
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "HIRELOOP_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Do not create the demo company on a new database.
    #[arg(long)]
    no_demo: bool,
    /// Mark cookies Secure (set when served over HTTPS).
    #[arg(long, env = "HIRELOOP_SECURE_COOKIES")]
    secure_cookies: bool,
    /// Where CVs and other private files are kept: a folder, or s3://bucket/prefix.
    #[arg(long, env = "HIRELOOP_FILES_URL", default_value = DEFAULT_FILES_URL)]
    files_url: String,
    /// Applications one address may send through the public job pages per hour.
    #[arg(long, env = "HIRELOOP_JOB_APPLICATIONS_PER_HOUR", default_value_t = 10)]
    job_applications_per_hour: i32,
    /// Take the client address from X-Forwarded-For (set only behind a trusted proxy).
    #[arg(long, env = "HIRELOOP_TRUST_FORWARDED_FOR")]
    trust_forwarded_for: bool,
    /// SMTP server: smtp://user:pass@host:587?tls=required (STARTTLS) or smtps://user:pass@host:465.
    /// Without it, emails are written as .eml files to --outbox-dir.
    #[arg(long, env = "HIRELOOP_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of every email.
    #[arg(
        long,
        env = "HIRELOOP_MAIL_FROM",
        default_value = "Hireloop <hireloop@localhost>"
    )]
    mail_from: String,
    /// Where emails are written as .eml files when no SMTP server is set.
    #[arg(long, env = "HIRELOOP_OUTBOX_DIR", default_value = "data/outbox")]
    outbox_dir: String,
    /// The address people open Hireloop at, for links in emails (default: http://ADDR).
    #[arg(long, env = "HIRELOOP_PUBLIC_URL")]
    public_url: Option<String>,
    /// How often responses are fetched from hh.ru, in minutes.
    #[arg(long, env = "HIRELOOP_HH_POLL_MINUTES", default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=1440))]
    hh_poll_minutes: u64,
    /// How often webhook deliveries that are due are sent, in seconds.
    #[arg(long, env = "HIRELOOP_WEBHOOK_POLL_SECONDS", default_value_t = 2,
        value_parser = clap::value_parser!(u64).range(1..=3600))]
    webhook_poll_seconds: u64,
    /// The key stored secrets (the mailbox password) are sealed with: 32 bytes in base64
    /// (`openssl rand -base64 32`), the same on every instance. Without it, SQLite keeps one in
    /// secret.key beside its database; PostgreSQL refuses to start.
    #[arg(long, env = "HIRELOOP_SECRET_KEY", hide_env_values = true, value_parser = parse_secret_key)]
    secret_key: Option<SecretKey>,
}

fn parse_secret_key(text: &str) -> Result<SecretKey, String> {
    SecretKey::from_base64(text).map_err(|e| e.to_string())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init();
    let cli = Cli::parse();
    match cli.command {
        None => serve(cli.database_url, cli.serve).await,
        Some(Command::Serve(args)) => serve(cli.database_url, args).await,
        Some(Command::Migrate) => {
            db::connect_migrated(&cli.database_url)
                .await?
                .close()
                .await?;
            println!("Migrations applied.");
            Ok(())
        }
        Some(Command::Seed) => {
            let db = db::connect_migrated(&cli.database_url).await?;
            seed::load_reference_data(&db).await?;
            hireloop::email_templates::model::load_seed(&db).await?;
            println!("Seed data loaded.");
            Ok(())
        }
        Some(Command::CreateUser {
            email,
            name,
            role,
            lang,
        }) => {
            let db = db::connect_migrated(&cli.database_url).await?;
            let password = read_password()?;
            let lang = Lang::parse(&lang).unwrap_or_default();
            let input = NewUser {
                email,
                name,
                role,
                password,
                lang,
            };
            match create_user(&db, None, input).await {
                Ok(created) => {
                    println!(
                        "Created {} ({}), id {}.",
                        created.email, created.role, created.id
                    );
                    Ok(())
                }
                Err(hireloop::error::AppError::Validation(errors)) => {
                    for e in errors {
                        eprintln!("{}: {}", e.field, Lang::En.render(&e.message));
                    }
                    bail!("the user was not created")
                }
                Err(other) => Err(anyhow::anyhow!("{other}")),
            }
        }
        Some(Command::Generate(args)) => {
            let db = db::connect_migrated(&cli.database_url).await?;
            seed::load_reference_data(&db).await?;
            // The reasons and the question bank the generated rows refer to, as `serve` loads them.
            hireloop::recruitment::reasons::load_seed(&db)
                .await
                .map_err(|e| anyhow::anyhow!("loading seed-data/reasons.toml: {e}"))?;
            hireloop::interviews::bank::load_seed(&db)
                .await
                .map_err(|e| anyhow::anyhow!("loading seed-data/questions: {e}"))?;
            let sizes = generate::Sizes {
                positions: args.positions,
                candidates: args.candidates,
                applications: args.applications,
                scorecard_answers: args.scorecard_answers,
                internships: args.internships,
                board_applications: args.board_applications,
                seed: args.seed,
            };
            let made = generate::run(&db, &sizes, &args.password).await?;
            println!(
                "Generated in {:.0} s: {} users, {} positions, {} candidates, {} applications, \
                 {} timeline events, {} interviews, {} scorecards, {} scorecard answers, \
                 {} internships. Sign in as {} with the password given.",
                made.seconds,
                made.users,
                made.positions,
                made.candidates,
                made.applications,
                made.events,
                made.interviews,
                made.scorecards,
                made.scorecard_answers,
                made.internships,
                generate::BENCH_EMAIL,
            );
            Ok(())
        }
        Some(Command::CreateToken { email, name }) => {
            let db = db::connect_migrated(&cli.database_url).await?;
            let found = user::Entity::find()
                .filter(user::Column::Email.eq(normalize_email(&email)))
                .one(&db)
                .await?
                .with_context(|| format!("no user with email {email}"))?;
            let (token, _) = create_token(&db, found.id, &name)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("{token}");
            Ok(())
        }
    }
}

async fn serve(database_url: String, args: ServeArgs) -> anyhow::Result<()> {
    let config = Config {
        database_url,
        addr: args.addr,
        demo: !args.no_demo,
        secure_cookies: args.secure_cookies,
        template_autoreload: cfg!(debug_assertions),
        login: LoginPolicy::default(),
        files_url: args.files_url,
        job_applications_per_hour: args.job_applications_per_hour,
        trust_forwarded_for: args.trust_forwarded_for,
        mail: MailConfig {
            smtp_url: args.smtp_url,
            from: args.mail_from,
            outbox_dir: args.outbox_dir,
            public_url: args
                .public_url
                .unwrap_or_else(|| format!("http://{}", args.addr)),
            hh_poll: std::time::Duration::from_secs(args.hh_poll_minutes * 60),
            webhook_poll: std::time::Duration::from_secs(args.webhook_poll_seconds),
            ..MailConfig::default()
        },
        secret_key: args.secret_key,
    };
    tracing::info!(?config, "starting");
    let demo = config.demo;
    let app = Application::build(config).await?;
    let url = format!("http://{}", app.local_addr());
    println!("\nHireloop is running at {url}");
    if demo {
        let logins = seed::demo_logins()?;
        println!("Demo logins (password: {}):", logins.password);
        for (email, role) in logins.users {
            println!("  {email:<36} {role}");
        }
    }
    println!("Press Ctrl-C to stop.\n");
    app.run().await
}

/// One line from standard input; never from the arguments, where `ps` and shell history
/// would see it. At a terminal the prompt goes to stderr.
fn read_password() -> anyhow::Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("Password (at least 10 characters; it will be visible): ");
        std::io::stderr().flush()?;
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

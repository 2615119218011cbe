//! The command line: each subcommand is a thin call into the part of Puente that does the work.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Puente routes migrant shelters' requests to become an Asociación Civil to volunteer lawyers
/// and tracks each case until its constitutive act is filed.
#[derive(Debug, Parser)]
#[command(name = "puente", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the case workflow's definition: states, events, who may fire them and what each
    /// requires, as JSON or as a Graphviz diagram (`puente workflow --format dot | dot -Tsvg`).
    Workflow {
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// The definition as JSON, with Spanish and English labels.
    Json,
    /// A Graphviz DOT diagram, labelled in Spanish and English.
    Dot,
}

/// Reads the command line (exits with usage help on a mistake).
pub(crate) fn parse() -> Cli {
    Cli::parse()
}

/// Runs the chosen subcommand.
pub(crate) fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Workflow { format } => {
            let text = match format {
                Format::Json => {
                    match serde_json::to_string_pretty(&puente_workflow::export::definition()) {
                        Ok(json) => json + "\n",
                        Err(error) => {
                            eprintln!("puente: cannot write the workflow as JSON: {error}");
                            return ExitCode::FAILURE;
                        }
                    }
                }
                Format::Dot => puente_workflow::export::dot(),
            };
            write_stdout(&text)
        }
    }
}

fn write_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (`puente workflow | head`) is not an error worth a message.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("puente: cannot write to standard output: {error}");
            ExitCode::FAILURE
        }
    }
}

use clap::Parser;

fn main() {
    let cli = broadsheet::cli::Cli::parse();
    std::process::exit(broadsheet::cli::run(cli));
}

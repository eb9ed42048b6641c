"""Help texts of the command line, kept apart so that cli.py stays small."""

APP_HELP = (
    "Validate, gate and audit frontier-AI risk scorecards.\n\n"
    "Exit codes: 0 ok; 1 findings (errors, blocked or undetermined decisions); "
    "2 usage error; 3 internal error."
)
REPORTS_HELP = "Folder for the reports."
NEW_MODEL_HELP = "The model id, developer/model (e.g. openai/o3)."
NEW_FRAMEWORK_HELP = "The framework version, ID@VERSION (`riskcard frameworks` lists them)."
EXPLAIN_HELP = (
    "A gate rule (deploy.high-safeguards, or ID@VERSION:RULE), a check rule "
    "(schema.missing), a safeguard, a category or a framework (ID or ID@VERSION)."
)
CHECK_HELP = "Exit 1 if the files differ from the models."
DIFF_FAIL_HELP = "Exit 1 when the diff loosens, tightens, or changes anything."
VERSION_HELP = "Print the version."
JOBS_HELP = "Processes to use (default: all cores once there are enough files)."
COLOR_HELP = "Colour text output: auto (a terminal without NO_COLOR), always or never."
PATHS_HELP = (
    "Scorecard or framework files, or folders of them "
    "(default: the collection in riskcard.toml, else ./scorecards; see the README)."
)
OUTPUT_HELP = "Write here (atomically) instead of stdout."
FRAMEWORK_HELP = (
    "Judge under ID@VERSION instead of the version each scorecard names (ratings are translated)."
)
AS_OF_HELP = "Date (YYYY-MM-DD) for waiver expiry; default today."

package cli

// The help of each command, printed by --help and by `twitchcheck help
// COMMAND`.

const rootHelp = `twitchcheck: a terminal symptom checker for muscle twitching.

It asks where the twitching is, how long it has lasted, your lifestyle, diet,
medicines and other symptoms; then it shows which nutrient deficiencies and
lifestyle triggers your answers may point to, and whether to see a doctor.
It screens; it does not diagnose. It makes no network calls and saves
nothing unless you ask.

Usage:
  twitchcheck [flags]              start the interactive questionnaire
  twitchcheck assess [flags]       assess an answers file (YAML, JSON or FHIR)
  twitchcheck rules check [FILE]   validate the rule base (embedded or FILE)
  twitchcheck rules show           print the knowledge base
  twitchcheck rules export         the questionnaire as a FHIR R4 Questionnaire
  twitchcheck eval [PATH...]       run evaluation vignettes
  twitchcheck cases                list the sample cases
  twitchcheck help [COMMAND]       this help, or a command's

Flags of the interactive app:
  --answers FILE     open with these answers loaded, at the review screen
                     (- reads them from stdin)
  --case NAME        open a sample case (see 'twitchcheck cases')
  --rules FILE       use this rule base instead of the embedded one
  --watch            with --rules: reload the file when it changes
  --theme NAME       colour theme: auto (default) or high-contrast
  --accessible       plain numbered prompts on stdin/stdout (also when
                     ACCESSIBLE is set to anything but 0, false, no or off,
                     or TERM=dumb)
  --version          print the app and knowledge-base versions

Run 'twitchcheck COMMAND --help' for a command's flags.
Exit status: 0 ok, 1 internal or write error (or eval misses), 2 bad usage
or input.
`

const assessHelp = `Usage: twitchcheck assess [--answers FILE|- | --case NAME] [--format FORMAT]
                         [--rules FILE] [--output FILE|- [--force]]

Assess answers and print the result on stdout, or write it to a file.

Answers are YAML or JSON: a map from question id to an option id, or a list
of option ids for multi-choice questions. A question left out is unknown,
never read as "no". A FHIR R4 QuestionnaireResponse (JSON) for the
questionnaire of 'twitchcheck rules export' is read as well. With no
--answers and piped input, answers are read from stdin. The question and
option ids are listed by 'twitchcheck rules show'.

Flags:
  --answers FILE   the answers file; - for stdin
  --case NAME      assess a sample case instead (see 'twitchcheck cases')
  --format FORMAT  text (default: for a person), json (the answers
                   contract's shape), markdown (a report to take to a
                   doctor), html (a printable report, one or two pages) or
                   fhir (a FHIR R4 Bundle for a clinic's system); any case
  --rules FILE     use this rule base instead of the embedded one
  --output FILE    write the result to FILE (mode 0600, written whole or not
                   at all) instead of stdout; - is stdout
  --force          with --output: replace FILE if it is an existing regular
                   file

Example:
  printf 'serious: [none]\nsymptoms: [cramps]\ncaffeine: 5_plus_cups\n' | twitchcheck assess
`

const rulesHelp = `Usage:
  twitchcheck rules check [FILE]
  twitchcheck rules show [--format text|markdown] [--rules FILE]
  twitchcheck rules export --format fhir [--rules FILE] [--output FILE|- [--force]]

check validates the embedded rule base, or FILE, and prints every problem
with its file:line:column. Exit status 2 when there is any.

show prints the knowledge base for people: the questions, each deficiency
with its rules (condition, weight, why, source), the triggers, the red flags
by level, the cautions and the sources.

export writes the questionnaire as a FHIR R4 Questionnaire resource (JSON),
for form tools and clinic systems: every question with its options as
codings, follow-ups as enableWhen, sections as groups.

The rule-base format is documented in data/README.md.
`

const evalHelp = `Usage: twitchcheck eval [--rules FILE] [PATH...]

Run evaluation vignettes against the rule base and print every miss and a
summary: top-1, top-3, triage exact, over-triage and under-triage. PATH may
be vignette files or folders of them (*.yaml, *.yml, *.json); with no PATH
the embedded vignettes are run.

Exit status: 0 when every expectation holds, 1 on any under-triage or any
failed expectation, 2 on a bad vignette file or bad usage.
`

const casesHelp = `Usage: twitchcheck cases [--rules FILE]

List the sample cases: named patients written from the sources, for
demonstrations. Open one with 'twitchcheck --case NAME', or assess it with
'twitchcheck assess --case NAME'.
`

// helps returns the help of a command. (A switch rather than a map,
// which would be built at start-up.)
func helps(name string) (string, bool) {
	switch name {
	case "", "help":
		return rootHelp, true
	case "assess":
		return assessHelp, true
	case "rules":
		return rulesHelp, true
	case "eval":
		return evalHelp, true
	case "cases":
		return casesHelp, true
	}
	return "", false
}

// help prints the help of the command named in args, or the overview.
func (c *command) help(args []string) error {
	switch len(args) {
	case 0:
		return c.print(rootHelp)
	case 1:
		if h, ok := helps(args[0]); ok && args[0] != "" {
			return c.print(h)
		}
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
			return c.print(rootHelp)
		}
		return usagef("no help for %q: it is not a command; commands: %s", args[0], commandList)
	default:
		return usagef("help takes one COMMAND at most; commands: %s", commandList)
	}
}

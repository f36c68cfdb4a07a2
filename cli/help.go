package cli

import (
	"strings"

	"github.com/twitchcheck/twitchcheck/knowledge"
)

// The help of each command, printed by --help and by `twitchcheck help
// COMMAND` (which runs COMMAND --help). {flags} stands for the command's
// flags, written from the flag definitions themselves (flagHelp), so the
// help cannot drift from them.

const rootHelp = `twitchcheck: a terminal symptom checker for muscle twitching.

It asks where the twitching is, how long it has lasted, your lifestyle, diet,
medicines and other symptoms; then it shows which nutrient deficiencies and
lifestyle triggers your answers may point to, and whether to see a doctor.
It screens; it does not diagnose. It makes no network calls and saves
nothing unless you ask.

Usage:
  twitchcheck [flags]              start the interactive questionnaire
  twitchcheck assess [flags]       assess an answers file (YAML, JSON or FHIR)
  twitchcheck diary add|list|chart|forget   a twitch diary for the doctor
  twitchcheck rules check [FILE]   validate the rule base (embedded or FILE)
  twitchcheck rules show           print the knowledge base
  twitchcheck rules export         the questionnaire as a FHIR R4 Questionnaire
  twitchcheck eval [PATH...]       run evaluation vignettes
  twitchcheck cases                list the sample cases
  twitchcheck help [COMMAND]       this help, or a command's

Flags of the interactive app:
{flags}
Run 'twitchcheck COMMAND --help' for a command's flags.
Exit status: 0 ok, 1 internal or write error (or eval misses), 2 bad usage
or input.
`

const assessHelp = `Usage: twitchcheck assess [--answers FILE|- | --case NAME] [--format FORMAT]
                         [--rules FILE] [--output FILE|- [--force]]
                         [--with-diary] [--diary FILE]

Assess answers and print the result on stdout, or write it to a file.

Answers are YAML or JSON: a map from question id to an option id, or a list
of option ids for multi-choice questions. A question left out is unknown,
never read as "no". A FHIR R4 QuestionnaireResponse (JSON) for the
questionnaire of 'twitchcheck rules export' is read as well. With no
--answers and piped input, answers are read from stdin. The question and
option ids are listed by 'twitchcheck rules show'.

Flags:
{flags}
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
{flags}`

const evalHelp = `Usage: twitchcheck eval [--rules FILE] [PATH...]

Run evaluation vignettes against the rule base and print every miss and a
summary: top-1, top-3, triage exact, over-triage and under-triage. PATH may
be vignette files or folders of them (*.yaml, *.yml, *.json); with no PATH
the embedded vignettes are run.

Exit status: 0 when every expectation holds, 1 on any under-triage or any
failed expectation, 2 on a bad vignette file or bad usage.

Flags:
{flags}`

const casesHelp = `Usage: twitchcheck cases [--rules FILE]

List the sample cases: named patients written from the sources, for
demonstrations, each with the triage level its answers get under the
rules in use. Open one with 'twitchcheck --case NAME', or assess it with
'twitchcheck assess --case NAME'.

Flags:
{flags}`

// help prints the help of the command named in args, or the overview:
// the command's own --help, so its flags come from its definitions.
func (c *command) help(args []string) error {
	switch len(args) {
	case 0:
		return c.root([]string{"--help"})
	case 1:
		if run, ok := commands(args[0]); ok && args[0] != "" {
			return run(c, []string{"--help"})
		}
		if args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help" {
			return c.root([]string{"--help"})
		}
		return usagef("no help for %q: it is not a command%s; commands: %s", args[0], knowledge.DidYouMean(args[0], strings.Split(commandList, ", ")), commandList)
	default:
		return usagef("help takes one COMMAND at most; commands: %s", commandList)
	}
}

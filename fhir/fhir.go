// Package fhir maps twitchcheck to HL7 FHIR R4, for form tools and clinic
// record systems: the questionnaire of a rule base as a Questionnaire, a
// person's answers as a QuestionnaireResponse (written and read back), and
// an assessment as a Bundle of type collection holding the
// QuestionnaireResponse, a RiskAssessment and one Flag per red flag.
//
// The mapping, in short:
//
//   - Questionnaire.url is QuestionnaireURL and Questionnaire.version the
//     knowledge-base version; the extension ContractVersionExtension holds
//     the version of the answers contract (docs/answers.md) as an integer.
//     A QuestionnaireResponse for any version is read, by its codes: every
//     version keeps the codes of the versions before it, so a response to
//     an older questionnaire stays valid. The form opens with a display
//     item (linkId "twitchcheck-notice") holding the disclaimer and what an
//     unanswered question means, which are also its purpose and
//     description. Sections are group items (linkId
//     "section-ID"), questions are choice items (linkId = question id,
//     repeats for multiple choice), help texts are display items with the
//     SDC item control "help" (linkId "ID-help"), follow-ups carry
//     enableWhen with enableBehavior, or the SDC enableWhenExpression
//     (FHIRPath) where a condition has no enableWhen form. The exclusive
//     "none" option carries the optionExclusive extension. An option kept
//     only for old files stays an answerOption, so that a response holding
//     it (written from an old answers file, or by an older questionnaire)
//     answers this questionnaire validly; the SDC
//     answerOptionsToggleExpression extension, with the expression
//     "false", disables it, so a form does not offer it.
//   - Answer options are Codings: the system is CodeSystemBase + "/" +
//     question id (one code system per question, so each code means one
//     thing), the code the option id of the answers contract, the display
//     its label.
//   - The RiskAssessment has one prediction per deficiency: the outcome
//     coded by deficiency id, and the score in words as qualitativeRisk
//     (the band as a code, "score 78 of 100 (likely)" as text). Scores are
//     not probabilities, so probabilityDecimal is never used. Its basis is
//     the QuestionnaireResponse.
//   - Triage goes in three ways, so that any reader finds it: the
//     RiskAssessment's mitigation text (the level, what to do, the
//     emergency signs when the emergency check was skipped, and every
//     reason with what to do), an extension TriageExtension holding the
//     level as a Coding, and one Flag resource per red flag raised (code =
//     flag id and its reason, with the same extension for the flag's own
//     level).
//   - Who and when: a QuestionnaireResponse read (ReadQuestionnaireResponse)
//     keeps its subject, author, encounter and authored as a Context,
//     each checked strictly, and the Bundle of its assessment (BundleWith)
//     carries them: the response keeps all four, the RiskAssessment and
//     the Flags are about its subject in its encounter. Without them the
//     subject is named in words only and the response is authored at the
//     time of the assessment.
//
// Nothing here makes a network call: the URLs are names, not addresses
// that are fetched.
package fhir

// Canonical names of the project's FHIR artefacts. They are stable: a
// clinic system may store them.
const (
	// Base is the root of every canonical URL of the project.
	Base = "https://github.com/twitchcheck/twitchcheck/fhir"
	// QuestionnaireURL is the canonical URL of the questionnaire.
	QuestionnaireURL = Base + "/Questionnaire/twitchcheck"
	// CodeSystemBase + "/" + question id is the code system of a
	// question's answer options.
	CodeSystemBase = Base + "/CodeSystem/answers"
	// DeficiencySystem codes the deficiencies (their ids).
	DeficiencySystem = Base + "/CodeSystem/deficiency"
	// BandSystem codes the score bands: likely, possible, unlikely.
	BandSystem = Base + "/CodeSystem/band"
	// TriageSystem codes the triage levels (their ids).
	TriageSystem = Base + "/CodeSystem/triage-level"
	// RedFlagSystem codes the red flags (their ids).
	RedFlagSystem = Base + "/CodeSystem/red-flag"
	// MethodSystem codes the assessment method.
	MethodSystem = Base + "/CodeSystem/method"
	// ContractVersionExtension is the URL of the extension that holds, on
	// the Questionnaire, the version of the answers contract as a
	// valueInteger.
	ContractVersionExtension = Base + "/StructureDefinition/contract-version"
	// TriageExtension is the URL of the extension that holds a triage
	// level as a valueCoding in TriageSystem.
	TriageExtension = Base + "/StructureDefinition/triage-level"
)

// Standard extensions and code systems used.
const (
	itemControlExt    = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
	itemControlSystem = "http://hl7.org/fhir/questionnaire-item-control"
	optionExclusive   = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
	enableWhenExpr    = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
	optionsToggleExpr = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerOptionsToggleExpression"
	flagCategory      = "http://terminology.hl7.org/CodeSystem/flag-category"
)

// subjectDisplay names the subject of every resource: the app knows no
// patient, only that someone answered.
const subjectDisplay = "The person who answered the twitchcheck questionnaire"

// unansweredNote says what an unanswered question means, on the form.
const unansweredNote = "Every question may be left unanswered: an unanswered question means unknown, never no."

// noticeLinkID is the linkId of the display item that opens the form with
// the disclaimer. It holds a "-", so it is never a question id.
const noticeLinkID = "twitchcheck-notice"

// AnswerSystem returns the code system of question qid's answer options.
func AnswerSystem(qid string) string { return CodeSystemBase + "/" + qid }

// sectionLinkID and helpLinkID are the linkIds of a section's group and a
// question's help text. Question ids hold no "-", so they never collide.
func sectionLinkID(id string) string { return "section-" + id }
func helpLinkID(qid string) string   { return qid + "-help" }

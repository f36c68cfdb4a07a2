package fhir

// The FHIR R4 elements written, as Go structs for encoding/json. Only the
// elements used are declared; every optional one is omitted when empty,
// since FHIR forbids empty strings, arrays and objects.

// Coding is a code in a code system.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is codings and a text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Reference points to another resource, or only names it (Display).
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Type      string `json:"type,omitempty"`
	Display   string `json:"display,omitempty"`
}

// Expression is a FHIRPath expression.
type Expression struct {
	Language   string `json:"language"`
	Expression string `json:"expression"`
}

// Extension is an extension with one value.
type Extension struct {
	URL string `json:"url"`
	// Extension holds the parts of a complex extension.
	Extension            []Extension      `json:"extension,omitempty"`
	ValueBoolean         *bool            `json:"valueBoolean,omitempty"`
	ValueInteger         *int             `json:"valueInteger,omitempty"`
	ValueCoding          *Coding          `json:"valueCoding,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
	ValueExpression      *Expression      `json:"valueExpression,omitempty"`
}

// QuestionnaireResource is a FHIR R4 Questionnaire.
type QuestionnaireResource struct {
	ResourceType string              `json:"resourceType"`
	ID           string              `json:"id,omitempty"`
	Extension    []Extension         `json:"extension,omitempty"`
	URL          string              `json:"url"`
	Version      string              `json:"version,omitempty"`
	Name         string              `json:"name"`
	Title        string              `json:"title"`
	Status       string              `json:"status"`
	SubjectType  []string            `json:"subjectType,omitempty"`
	Date         string              `json:"date,omitempty"`
	Publisher    string              `json:"publisher,omitempty"`
	Description  string              `json:"description,omitempty"`
	Purpose      string              `json:"purpose,omitempty"`
	Item         []QuestionnaireItem `json:"item,omitempty"`
}

// QuestionnaireItem is a group, a question or a display text.
type QuestionnaireItem struct {
	Extension      []Extension         `json:"extension,omitempty"`
	LinkID         string              `json:"linkId"`
	Text           string              `json:"text,omitempty"`
	Type           string              `json:"type"`
	EnableWhen     []EnableWhen        `json:"enableWhen,omitempty"`
	EnableBehavior string              `json:"enableBehavior,omitempty"`
	Repeats        bool                `json:"repeats,omitempty"`
	AnswerOption   []AnswerOption      `json:"answerOption,omitempty"`
	Item           []QuestionnaireItem `json:"item,omitempty"`
}

// EnableWhen shows an item when another question has a given answer.
type EnableWhen struct {
	Question     string  `json:"question"`
	Operator     string  `json:"operator"`
	AnswerCoding *Coding `json:"answerCoding,omitempty"`
}

// AnswerOption is one answer a choice question offers.
type AnswerOption struct {
	Extension   []Extension `json:"extension,omitempty"`
	ValueCoding Coding      `json:"valueCoding"`
}

// QuestionnaireResponseResource is a FHIR R4 QuestionnaireResponse.
type QuestionnaireResponseResource struct {
	ResourceType  string         `json:"resourceType"`
	Questionnaire string         `json:"questionnaire"`
	Status        string         `json:"status"`
	Subject       *Reference     `json:"subject,omitempty"`
	Encounter     *Reference     `json:"encounter,omitempty"`
	Authored      string         `json:"authored,omitempty"`
	Author        *Reference     `json:"author,omitempty"`
	Item          []ResponseItem `json:"item,omitempty"`
}

// ResponseItem is an answered group or question.
type ResponseItem struct {
	LinkID string           `json:"linkId"`
	Text   string           `json:"text,omitempty"`
	Answer []ResponseAnswer `json:"answer,omitempty"`
	Item   []ResponseItem   `json:"item,omitempty"`
}

// ResponseAnswer is one answer: a coded option.
type ResponseAnswer struct {
	ValueCoding *Coding `json:"valueCoding,omitempty"`
}

// RiskAssessmentResource is a FHIR R4 RiskAssessment.
type RiskAssessmentResource struct {
	ResourceType       string           `json:"resourceType"`
	Extension          []Extension      `json:"extension,omitempty"`
	Status             string           `json:"status"`
	Method             *CodeableConcept `json:"method,omitempty"`
	Code               *CodeableConcept `json:"code,omitempty"`
	Subject            Reference        `json:"subject"`
	Encounter          *Reference       `json:"encounter,omitempty"`
	OccurrenceDateTime string           `json:"occurrenceDateTime,omitempty"`
	Basis              []Reference      `json:"basis,omitempty"`
	Prediction         []Prediction     `json:"prediction,omitempty"`
	Mitigation         string           `json:"mitigation,omitempty"`
	Note               []Annotation     `json:"note,omitempty"`
}

// Prediction is one outcome of a RiskAssessment.
type Prediction struct {
	Outcome         *CodeableConcept `json:"outcome,omitempty"`
	QualitativeRisk *CodeableConcept `json:"qualitativeRisk,omitempty"`
	Rationale       string           `json:"rationale,omitempty"`
}

// Annotation is a note.
type Annotation struct {
	Text string `json:"text"`
}

// FlagResource is a FHIR R4 Flag.
type FlagResource struct {
	ResourceType string            `json:"resourceType"`
	Extension    []Extension       `json:"extension,omitempty"`
	Status       string            `json:"status"`
	Category     []CodeableConcept `json:"category,omitempty"`
	Code         CodeableConcept   `json:"code"`
	Subject      Reference         `json:"subject"`
	Period       *Period           `json:"period,omitempty"`
	Encounter    *Reference        `json:"encounter,omitempty"`
}

// Period is a time span; only its start is used.
type Period struct {
	Start string `json:"start,omitempty"`
}

// BundleResource is a FHIR R4 Bundle.
type BundleResource struct {
	ResourceType string        `json:"resourceType"`
	Type         string        `json:"type"`
	Timestamp    string        `json:"timestamp,omitempty"`
	Entry        []BundleEntry `json:"entry,omitempty"`
}

// BundleEntry is one resource in a Bundle.
type BundleEntry struct {
	FullURL  string `json:"fullUrl"`
	Resource any    `json:"resource"`
}

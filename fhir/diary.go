package fhir

import (
	"github.com/twitchcheck/twitchcheck/diary"
	"github.com/twitchcheck/twitchcheck/knowledge"
	"github.com/twitchcheck/twitchcheck/report"
)

// DiarySystem codes what the twitch diary records: the twitching level
// (code "twitching-level", 0 none to 4 almost constant) and the parts of
// a day (caffeine, sleep, stress, exercise, where, new).
const DiarySystem = Base + "/CodeSystem/diary"

// observationCategory is FHIR's code system of observation categories.
const observationCategory = "http://terminology.hl7.org/CodeSystem/observation-category"

// ObservationResource is a FHIR R4 Observation: one day of the diary.
type ObservationResource struct {
	ResourceType      string                 `json:"resourceType"`
	Status            string                 `json:"status"`
	Category          []CodeableConcept      `json:"category,omitempty"`
	Code              CodeableConcept        `json:"code"`
	Subject           Reference              `json:"subject"`
	EffectiveDateTime string                 `json:"effectiveDateTime"`
	ValueInteger      *int                   `json:"valueInteger,omitempty"`
	Note              []Annotation           `json:"note,omitempty"`
	Component         []ObservationComponent `json:"component,omitempty"`
}

// ObservationComponent is one more value of an Observation.
type ObservationComponent struct {
	Code                 CodeableConcept  `json:"code"`
	ValueInteger         *int             `json:"valueInteger,omitempty"`
	ValueQuantity        *Quantity        `json:"valueQuantity,omitempty"`
	ValueBoolean         *bool            `json:"valueBoolean,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
}

// Quantity is a measured amount with its UCUM unit.
type Quantity struct {
	Value  float64 `json:"value"`
	Unit   string  `json:"unit"`
	System string  `json:"system"`
	Code   string  `json:"code"`
}

func diaryCode(code, display string) CodeableConcept {
	return CodeableConcept{Coding: []Coding{{System: DiarySystem, Code: code, Display: display}}, Text: display}
}

// diaryObservations are the days a report's diary shows, one Observation
// each: the twitching level as its value, the rest as components.
func diaryObservations(rb *knowledge.RuleBase, d report.Diary) []ObservationResource {
	var out []ObservationResource
	for _, e := range d.Window() {
		lvl := e.Twitching
		o := ObservationResource{
			ResourceType:      "Observation",
			Status:            "final",
			Category:          []CodeableConcept{{Coding: []Coding{{System: observationCategory, Code: "survey", Display: "Survey"}}}},
			Code:              diaryCode("twitching-level", "Twitching that day, 0 none to 4 almost constant"),
			Subject:           Reference{Display: subjectDisplay},
			EffectiveDateTime: e.Date,
			ValueInteger:      &lvl,
		}
		if e.Note != "" {
			o.Note = []Annotation{{Text: text(e.Note)}}
		}
		if e.Caffeine != nil {
			n := *e.Caffeine
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("caffeine", "Caffeinated drinks that day"), ValueInteger: &n})
		}
		if e.Sleep != nil {
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("sleep", "Hours of sleep the night before"), ValueQuantity: &Quantity{Value: *e.Sleep, Unit: "h", System: "http://unitsofmeasure.org", Code: "h"}})
		}
		if e.Stress != "" {
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("stress", "Stress that day"), ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: DiarySystem + "/stress", Code: e.Stress, Display: e.Stress}}, Text: e.Stress}})
		}
		if e.Exercise != "" {
			yes := e.Exercise == diary.ExerciseYes
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("exercise", "Strenuous exercise that day"), ValueBoolean: &yes})
		}
		for _, w := range e.Where {
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("where", "Where the twitching was"), ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: AnswerSystem(diary.LocationQuestion), Code: w, Display: text(diary.PlaceLabel(rb, w))}}, Text: text(diary.PlaceLabel(rb, w))}})
		}
		for _, n := range e.New {
			qid := diary.SymptomsQuestion
			if q := rb.Question(knowledge.FirstQuestion); q != nil && q.OptionIndex(n) >= 0 {
				qid = knowledge.FirstQuestion
			}
			o.Component = append(o.Component, ObservationComponent{Code: diaryCode("new", "New that day"), ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: AnswerSystem(qid), Code: n, Display: text(diary.NewLabel(rb, n))}}, Text: text(diary.NewLabel(rb, n))}})
		}
		out = append(out, o)
	}
	return out
}

package knowledge

// clone deep-copies the parts of a rule base that validation writes to
// (conditions and the indexes); text and lists of text are shared, since
// nothing changes them.
func (rb *RuleBase) clone() *RuleBase {
	c := *rb
	c.questionIndex, c.sourceIndex, c.levelIndex = nil, nil, nil
	c.Questions = append([]Question(nil), rb.Questions...)
	for i := range c.Questions {
		if w := c.Questions[i].EnableWhen; w != nil {
			cw := w.clone()
			c.Questions[i].EnableWhen = &cw
		}
	}
	c.Deficiencies = append([]Deficiency(nil), rb.Deficiencies...)
	for i := range c.Deficiencies {
		d := &c.Deficiencies[i]
		d.Rules = append([]Rule(nil), d.Rules...)
		for j := range d.Rules {
			d.Rules[j].When = d.Rules[j].When.clone()
		}
	}
	c.Triggers = append([]Trigger(nil), rb.Triggers...)
	for i := range c.Triggers {
		t := &c.Triggers[i]
		t.Rules = append([]TriggerRule(nil), t.Rules...)
		for j := range t.Rules {
			t.Rules[j].When = t.Rules[j].When.clone()
		}
	}
	c.RedFlags = append([]RedFlag(nil), rb.RedFlags...)
	for i := range c.RedFlags {
		c.RedFlags[i].When = c.RedFlags[i].When.clone()
	}
	c.Cautions = append([]Caution(nil), rb.Cautions...)
	for i := range c.Cautions {
		c.Cautions[i].When = c.Cautions[i].When.clone()
	}
	return &c
}

func (c Cond) clone() Cond {
	if c.Subs != nil {
		subs := make([]Cond, len(c.Subs))
		for i := range c.Subs {
			subs[i] = c.Subs[i].clone()
		}
		c.Subs = subs
	}
	return c
}

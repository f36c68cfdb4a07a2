package knowledge_test
import ("testing"; "os"; "github.com/twitchcheck/twitchcheck/knowledge"; "time")
func TestScratch(t *testing.T){
 b,_ := os.ReadFile("../data/rules.yaml")
 t0 := time.Now()
 rb, err := knowledge.Load("data/rules.yaml", b)
 t.Log(time.Since(t0), len(b))
 if err != nil { t.Fatal(err) }
 a, err := knowledge.ParseAnswers(rb, "x", []byte("location: [eyelid]\nduration: 1_to_6_days\nspreading: \"no\"\nserious: [none]\nsymptoms: [fatigue, cramps]\ncaffeine: 5_plus_cups\nstress: high\nsleep: under_5\n"))
 if err != nil { t.Fatal(err) }
 r := knowledge.Assess(a)
 t.Logf("%+v", r.Triage)
 for _, d := range r.Deficiencies { t.Logf("%s %d %s %d", d.ID, d.Score, d.Band, len(d.Evidence)) }
 for _, tr := range r.Triggers { t.Logf("%+v", tr) }
}

package knowledge

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPercentMatchesLogistic checks the table lookup against the formula
// it replaces, 100 / (1 + e^-x) rounded half up, away from the exact
// boundaries where the two may round differently by a hair.
func TestPercentMatchesLogistic(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 200000; i++ {
		x := (r.Float64() - 0.5) * 24
		exact := 100 / (1 + math.Exp(-x))
		if frac := exact - math.Floor(exact); math.Abs(frac-0.5) < 1e-9 {
			continue
		}
		if got, want := Percent(x), int(math.Round(exact)); got != want {
			t.Fatalf("Percent(%v) = %d, want %d", x, got, want)
		}
	}
	for _, tc := range []struct {
		x    float64
		want int
	}{{0, 50}, {-100, 0}, {100, 100}, {math.Inf(1), 100}, {math.Inf(-1), 0}} {
		if got := Percent(tc.x); got != tc.want {
			t.Errorf("Percent(%v) = %d, want %d", tc.x, got, tc.want)
		}
	}
	for x, prev := -10.0, 0; x < 10; x += 0.001 {
		if p := Percent(x); p < prev {
			t.Fatalf("Percent is not monotone at %v", x)
		} else {
			prev = p
		}
	}
}

// TestPercentSteps checks the written-out table against the formula it
// holds: percentSteps[k] is the logit of (k + 0.5) / 100.
func TestPercentSteps(t *testing.T) {
	for k, got := range percentSteps {
		p := (float64(k) + 0.5) / 100
		if want := math.Log(p / (1 - p)); got != want {
			t.Errorf("percentSteps[%d] = %v, want %v", k, got, want)
		}
		if k > 0 && got <= percentSteps[k-1] {
			t.Errorf("percentSteps is not increasing at %d", k)
		}
	}
}

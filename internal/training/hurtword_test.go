package training

import "testing"

func TestSaysHurt(t *testing.T) {
	for _, n := range []string{"running with a lot of pain", "Still hurt", "Left calf, shin, and foot hurt.", "It hurts sometimes",
		"Painful", "knee injury flared", "Schmerzen im Knie", "dolor de rodilla", "膝盖疼"} {
		if !SaysHurt(n) {
			t.Errorf("%q: not read as hurting", n)
		}
	}
	for _, n := range []string{"", "Morning Run", "No more pain?", "Painless", "The faster I run, the less pain I feel", "pain-free 10k",
		"Back from injury", "first run after injury", "Sore legs after the race", "Paint me a picture", "Hurtigruten 5k", "Spain trip run"} {
		if SaysHurt(n) {
			t.Errorf("%q: read as hurting", n)
		}
	}
}

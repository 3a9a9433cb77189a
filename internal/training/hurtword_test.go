package training

import "testing"

func TestSaysHurt(t *testing.T) {
	for _, n := range []string{"running with a lot of pain", "Still hurt", "Left calf, shin, and foot hurt.", "It hurts sometimes",
		"Painful", "knee injury flared", "Schmerzen im Knie", "dolor de rodilla", "膝盖疼",
		// illness, German compounds, Polish, French, Chinese (painwords29)
		"Sick run", "Cold, Rainy, and sick", "Afterwork, Eis+Schnee, Erkältung", "Lauf mit Knieschmerzen", "Wadenverletzung",
		"kontuzja kolana", "petite blessure", "小腿拉伤", "感冒了还是跑了"} {
		if !SaysHurt(n) {
			t.Errorf("%q: not read as hurting", n)
		}
	}
	for _, n := range []string{"", "Morning Run", "No more pain?", "Painless", "The faster I run, the less pain I feel", "pain-free 10k",
		"Back from injury", "first run after injury", "Sore legs after the race", "Paint me a picture", "Hurtigruten 5k", "Spain trip run",
		"can finally put on my shoes without hamstring pain", "no knee pain today", "schmerzfrei gelaufen", "Easy jog after being sick",
		"bez bólu", "Footbridge run", "Sickle loop", "Fluvial path"} {
		if SaysHurt(n) {
			t.Errorf("%q: read as hurting", n)
		}
	}
}

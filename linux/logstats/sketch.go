package logstats

import (
	"math"
	"time"
)

// Sketch estimates quantiles of durations in fixed memory: a histogram with
// logarithmic buckets (the DDSketch idea). Bucket i holds the values in
// (γ^(i-1), γ^i] microseconds, γ = (1+α)/(1-α), and answers with the value
// 2γ^i/(γ+1), which is within a relative error α of every value in the bucket.
// So every quantile it reports is within α (1%) of the true one, whatever the
// distribution and however many values were added: 1 µs to 53 hours is covered by
// 1,300 counters (10 KB). Values under 1 µs (nginx's "0.000") count as 0;
// values above the range are clamped and counted in Over.
type Sketch struct {
	counts [sketchBuckets]uint64
	zero   uint64 // values < 1 µs
	n      uint64
	Over   uint64 // values above the last bucket (reported as its value)
}

// Alpha is the Sketch's relative error bound.
const Alpha = 0.01

const sketchBuckets = 1300

var (
	gamma    = (1 + Alpha) / (1 - Alpha)
	logGamma = math.Log(gamma)
)

// MaxTime is the largest duration the Sketch tells apart (about 53 h).
var MaxTime = time.Duration(math.Pow(gamma, sketchBuckets-1)) * time.Microsecond

// Add records one duration.
func (s *Sketch) Add(d time.Duration) {
	s.n++
	us := float64(d) / float64(time.Microsecond)
	if us < 1 {
		s.zero++
		return
	}
	i := int(math.Ceil(math.Log(us) / logGamma))
	if i >= sketchBuckets {
		i = sketchBuckets - 1
		s.Over++
	}
	s.counts[i]++
}

// Count is how many durations were added.
func (s *Sketch) Count() uint64 { return s.n }

// Quantile returns the q-quantile (0 < q ≤ 1) by the nearest-rank definition:
// the value of rank ⌈q·n⌉ in sorted order, within Alpha. It returns 0 when the
// sketch is empty.
func (s *Sketch) Quantile(q float64) time.Duration {
	if s.n == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(s.n)))
	rank = max(rank, 1)
	seen := s.zero
	if seen >= rank {
		return 0
	}
	for i, c := range s.counts {
		seen += c
		if seen >= rank {
			us := 2 * math.Pow(gamma, float64(i)) / (gamma + 1)
			if i == 0 {
				us = 1 // the bucket (γ^-1, 1] holds exactly 1 µs
			}
			return time.Duration(us * float64(time.Microsecond))
		}
	}
	panic("unreachable: counts do not add up to n")
}

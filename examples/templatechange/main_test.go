package main

import (
	"testing"

	"github.com/podlife/podlife/examples/internal/lesson"
)

func TestLessonGolden(t *testing.T) { lesson.Golden(t, &theLesson) }

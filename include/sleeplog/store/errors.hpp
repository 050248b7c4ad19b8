// The error types now live in util/errors.hpp (one vocabulary for every layer); this
// header only forwards there for code not yet moved to it. Delete it once nothing
// includes it.
#pragma once

#include <sleeplog/util/errors.hpp>

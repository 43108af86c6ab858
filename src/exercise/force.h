// The host's force as an inspection sees it, and the truth as the script
// makes it depart from the declarations.
//
// The true force is a forces::Declaration like the declared one and changes
// by the same rules: each deviation is a list of unsigned notifications
// applied to the truth with the ledger's own apply (ledger/apply.h) and
// never sent. What the host does send for a deviation (a conversion it
// does not carry out) is a separate list.
//
// Pure functions over values; thread-safe.
#ifndef VERITY_EXERCISE_FORCE_H_
#define VERITY_EXERCISE_FORCE_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "exercise/script.h"
#include "forces/counter.h"
#include "forces/model.h"
#include "ledger/notification.h"
#include "treaty/treaty.h"

namespace verity::exercise {

// The facility id of item `it` ("at_sea" for none), as the inspection
// checks name it.
std::string FacilityIdOf(const forces::Declaration& d, const forces::Item& it);

// The items a Type One inspection at `site` may designate: the deployed
// ICBMs and SLBMs there (by the treaty's own categories) and the heavy
// bombers there, not eliminated, sorted by UID.
std::vector<std::string> Designatable(const forces::Declaration& d, const forces::Counter& counter,
                                      const std::string& site);

// The sites an inspection of `quota` may visit in `d`: the facilities of
// the types it may visit, in declaration order; for an inspection that
// designates (Type One), only those holding something to designate.
std::vector<std::string> EligibleSites(const forces::Declaration& d, const forces::Counter& counter,
                                       const treaty::InspectionQuota& quota);

// The missiles an upload loads above their declared warheads: the first
// `count` deployed missiles at its site, by UID.
std::vector<std::string> UploadedMissiles(const Deviation& upload, const forces::Declaration& d,
                                          const forces::Counter& counter);

// The UIDs a deviation is about (the hidden item, the uploaded missiles,
// the moved or unconverted item), given the declared state it starts from.
std::vector<std::string> DeviationItems(const Deviation& dev, const forces::Declaration& d,
                                        const forces::Counter& counter);

// The changes that make the truth depart on dev.from (unsigned, typed
// bodies read). `items` are DeviationItems on the start declaration;
// `truth` is the true state just before.
StatusOr<std::vector<ledger::Notification>> TruthChanges(const Deviation& dev,
                                                         const std::vector<std::string>& items,
                                                         const forces::Declaration& truth);

// What the host notifies for the deviation (only conversion_not_done
// notifies anything: conversion_started and conversion_completed).
StatusOr<std::vector<ledger::Notification>> DeclaredChanges(const Deviation& dev,
                                                            const std::string& host);

// Applies unsigned notifications to `state` with the ledger's apply.
// Internal if any raises an ambiguity (CheckScript rules that out).
Status ApplyAll(const std::vector<ledger::Notification>& changes, forces::Declaration* state);

}  // namespace verity::exercise

#endif  // VERITY_EXERCISE_FORCE_H_

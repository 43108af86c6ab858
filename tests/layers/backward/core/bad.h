// A core header that reaches up into the ledger: the checker must refuse it.
#include "ledger/store.h"

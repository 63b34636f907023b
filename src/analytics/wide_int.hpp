#pragma once

namespace kam::analytics {

// Shares compare sums of fen multiplied by basis points (10,000 × up to ~10^18), which can
// exceed int64; GCC and Clang's 128-bit integer keeps those comparisons exact.
__extension__ typedef __int128 Int128;

}  // namespace kam::analytics

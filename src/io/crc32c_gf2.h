// GF(2) polynomial arithmetic modulo the CRC32C polynomial, in the reflected
// bit order CRCs use (bit 31 = x^0). Shared by the portable and hardware
// crc32c code; everything is constexpr so tables are built at compile time.
//
// Shifting a raw CRC register r through n zero bytes is r * x^(8n) mod P,
// and the register is linear in its input, so for data A then B:
//   reg(A ‖ B) = Shift(reg(A), |B|) ^ reg_from_zero(B).
#ifndef TFPERSIST_IO_CRC32C_GF2_H_
#define TFPERSIST_IO_CRC32C_GF2_H_

#include <array>
#include <cstdint>

namespace tfpersist::crc32c::internal {

inline constexpr uint32_t kPoly = 0x82f63b78u;

// a * b mod P (both reflected).
constexpr uint32_t MultModP(uint32_t a, uint32_t b) {
  uint32_t product = 0;
  for (int i = 0; i < 32; ++i) {
    if (a & (0x80000000u >> i)) product ^= b;
    b = (b & 1) ? (b >> 1) ^ kPoly : b >> 1;
  }
  return product;
}

// x^(8n) mod P: the operator that shifts a register through n zero bytes.
constexpr uint32_t XPow8N(uint64_t n) {
  uint32_t result = 0x80000000u;                                  // x^0
  uint32_t square = 0x40000000u;                                  // x^1
  for (int i = 0; i < 3; ++i) square = MultModP(square, square);  // x^8
  while (n != 0) {
    if (n & 1) result = MultModP(square, result);
    n >>= 1;
    square = MultModP(square, square);
  }
  return result;
}

// Byte-wise lookup tables for "shift a register through kBytes zeros":
// Shift(r) = t[0][r & 255] ^ t[1][(r >> 8) & 255] ^ t[2][...] ^ t[3][r >> 24].
using ShiftTable = std::array<std::array<uint32_t, 256>, 4>;

constexpr ShiftTable MakeShiftTable(uint64_t bytes) {
  ShiftTable table{};
  const uint32_t op = XPow8N(bytes);
  for (int k = 0; k < 4; ++k) {
    for (uint32_t b = 0; b < 256; ++b) {
      table[k][b] = MultModP(op, b << (8 * k));
    }
  }
  return table;
}

inline uint32_t Shift(const ShiftTable& t, uint32_t reg) {
  return t[0][reg & 0xff] ^ t[1][(reg >> 8) & 0xff] ^ t[2][(reg >> 16) & 0xff] ^
         t[3][reg >> 24];
}

}  // namespace tfpersist::crc32c::internal

#endif  // TFPERSIST_IO_CRC32C_GF2_H_

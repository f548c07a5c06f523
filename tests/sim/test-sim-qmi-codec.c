/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the QMUX codec of modem-sim's QMI front end: cutting a byte
 * stream into frames, parsing headers and TLVs (tables of good and bad
 * frames written out byte by byte), and building response frames. */
#include <string.h>

#include "sim-qmi-codec.h"

static GByteArray *
from_hex (const char *hex)
{
  GByteArray *bytes = g_byte_array_new ();

  for (gsize i = 0; hex[i];) {
    char pair[3] = { 0 };

    if (hex[i] == ' ') {
      i++;
      continue;
    }
    pair[0] = hex[i];
    pair[1] = hex[i + 1];
    g_assert_true (g_ascii_isxdigit (pair[0]) && g_ascii_isxdigit (pair[1]));
    g_byte_array_append (bytes, (guint8[]){ (guint8)strtoul (pair, NULL, 16) }, 1);
    i += 2;
  }
  return bytes;
}

/* CTL Allocate CID for DMS, as qmicli sends it. */
#define CTL_ALLOCATE "01 0f00 00 00 00 00 01 2200 0400 01 0100 02"
/* DMS Get Model from client 7, transaction 0x0102, no TLVs. */
#define DMS_GET_MODEL "01 0c00 00 02 07 00 0201 2200 0000"

static const struct {
  const char *input;
  SimQmiCut kind;
  gsize len;
} cut_cases[] = {
  { "", SIM_QMI_CUT_INCOMPLETE, 0 },
  { "01", SIM_QMI_CUT_INCOMPLETE, 0 },
  { "01 0f00 00 00 00", SIM_QMI_CUT_INCOMPLETE, 0 },
  { CTL_ALLOCATE, SIM_QMI_CUT_FRAME, 16 },
  { CTL_ALLOCATE " " DMS_GET_MODEL, SIM_QMI_CUT_FRAME, 16 },
  { DMS_GET_MODEL, SIM_QMI_CUT_FRAME, 13 },
  { "ff fe " CTL_ALLOCATE, SIM_QMI_CUT_GARBAGE, 2 },
  { "ff fe 00", SIM_QMI_CUT_GARBAGE, 3 },
  /* A length too short for any header: only the marker goes. */
  { "01 0300 00 00 00", SIM_QMI_CUT_GARBAGE, 1 },
};

static void
test_cut (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cut_cases); i++) {
    g_autoptr (GByteArray) input = from_hex (cut_cases[i].input);
    gsize len = 0;

    g_test_message ("cut case %u: %s", i, cut_cases[i].input);
    g_assert_cmpint (sim_qmi_cut (input->data, input->len, &len), ==, cut_cases[i].kind);
    if (cut_cases[i].kind != SIM_QMI_CUT_INCOMPLETE)
      g_assert_cmpuint (len, ==, cut_cases[i].len);
  }
}

static const struct {
  const char *frame;
  gboolean valid;
  guint8 service, client;
  guint16 transaction, message;
  gsize tlvs_len;
} parse_cases[] = {
  { CTL_ALLOCATE, TRUE, 0x00, 0x00, 0x01, 0x0022, 4 },
  { DMS_GET_MODEL, TRUE, 0x02, 0x07, 0x0102, 0x0022, 0 },
  /* DMS with two TLVs. */
  { "01 1500 00 02 07 00 0300 2500 0900 10 0100 aa 11 0200 bb cc", TRUE, 0x02, 0x07, 3, 0x0025, 9 },
  /* Wrong marker. */
  { "02 0f00 00 00 00 00 01 2200 0400 01 0100 02", FALSE },
  /* QMUX length one byte longer than the frame. */
  { "01 1000 00 00 00 00 01 2200 0400 01 0100 02", FALSE },
  /* TLV length field says 5, the frame has 4 bytes of TLVs. */
  { "01 0f00 00 00 00 00 01 2200 0500 01 0100 02", FALSE },
  /* A TLV running past the TLV area. */
  { "01 0f00 00 00 00 00 01 2200 0400 01 0200 02", FALSE },
  /* A TLV header cut short. */
  { "01 0e00 00 00 00 00 01 2200 0300 01 0100", FALSE },
  /* A service frame too short for its 7-byte header. */
  { "01 0b00 00 02 07 00 0201 2200 00", FALSE },
};

static void
test_parse (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++) {
    g_autoptr (GByteArray) frame = from_hex (parse_cases[i].frame);
    SimQmiMessage msg;

    g_test_message ("parse case %u: %s", i, parse_cases[i].frame);
    g_assert_cmpint (sim_qmi_parse (frame->data, frame->len, &msg), ==, parse_cases[i].valid);
    if (!parse_cases[i].valid)
      continue;
    g_assert_cmpuint (msg.service, ==, parse_cases[i].service);
    g_assert_cmpuint (msg.client, ==, parse_cases[i].client);
    g_assert_cmpuint (msg.flags, ==, 0);
    g_assert_cmpuint (msg.transaction, ==, parse_cases[i].transaction);
    g_assert_cmpuint (msg.message, ==, parse_cases[i].message);
    g_assert_cmpuint (msg.tlvs_len, ==, parse_cases[i].tlvs_len);
  }
}

static void
test_find_tlv (void)
{
  g_autoptr (GByteArray) frame = from_hex ("01 1500 00 02 07 00 0300 2500 0900 10 0100 aa 11 0200 bb cc");
  SimQmiMessage msg;
  const guint8 *value = NULL;
  guint16 len = 0;

  g_assert_true (sim_qmi_parse (frame->data, frame->len, &msg));
  g_assert_true (sim_qmi_find_tlv (&msg, 0x10, &value, &len));
  g_assert_cmpmem (value, len, "\xaa", 1);
  g_assert_true (sim_qmi_find_tlv (&msg, 0x11, &value, &len));
  g_assert_cmpmem (value, len, "\xbb\xcc", 2);
  g_assert_false (sim_qmi_find_tlv (&msg, 0x01, &value, &len));
}

static void
assert_frame (GByteArray *frame, const char *hex)
{
  g_autoptr (GByteArray) done = sim_qmi_frame_end (frame);
  g_autoptr (GByteArray) expected = from_hex (hex);

  g_assert_cmpmem (done->data, done->len, expected->data, expected->len);
}

static void
test_build (void)
{
  GByteArray *frame = sim_qmi_frame_new (SIM_QMI_SERVICE_CTL, 0, SIM_QMI_CTL_FLAG_RESPONSE, 1, 0x0022);

  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv (frame, 0x01, (const guint8 *)"\x02\x05", 2);
  assert_frame (frame, "01 1700 80 00 00 01 01 2200 0c00 02 0400 0000 0000 01 0200 02 05");

  frame = sim_qmi_frame_new (SIM_QMI_SERVICE_DMS, 7, SIM_QMI_FLAG_RESPONSE, 0x0102, 0x0022);
  sim_qmi_frame_result (frame, SIM_QMI_ERROR_NONE);
  sim_qmi_frame_tlv_string (frame, 0x01, "AB");
  assert_frame (frame, "01 1800 80 02 07 02 0201 2200 0c00 02 0400 0000 0000 01 0200 41 42");

  frame = sim_qmi_frame_new (SIM_QMI_SERVICE_DMS, 7, SIM_QMI_FLAG_RESPONSE, 9, 0x002D);
  sim_qmi_frame_result (frame, SIM_QMI_ERROR_INVALID_CLIENT_ID);
  sim_qmi_frame_tlv_u8 (frame, 0x01, 4);
  assert_frame (frame, "01 1700 80 02 07 02 0900 2d00 0b00 02 0400 0100 0700 01 0100 04");
}

/* What the builder makes, the parser reads back. */
static void
test_round_trip (void)
{
  g_autoptr (GByteArray) frame = NULL;
  SimQmiMessage msg;
  const guint8 *value;
  guint16 len;

  frame = sim_qmi_frame_new (SIM_QMI_SERVICE_DMS, 3, SIM_QMI_FLAG_INDICATION, 0, 0x0001);
  sim_qmi_frame_tlv_string (frame, 0x10, "hello");
  sim_qmi_frame_end (frame);
  g_assert_true (sim_qmi_parse (frame->data, frame->len, &msg));
  g_assert_cmpuint (msg.qmux_flags, ==, SIM_QMI_QMUX_FROM_SERVICE);
  g_assert_cmpuint (msg.flags, ==, SIM_QMI_FLAG_INDICATION);
  g_assert_cmpuint (msg.client, ==, 3);
  g_assert_true (sim_qmi_find_tlv (&msg, 0x10, &value, &len));
  g_assert_cmpmem (value, len, "hello", 5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sim/qmi-codec/cut", test_cut);
  g_test_add_func ("/sim/qmi-codec/parse", test_parse);
  g_test_add_func ("/sim/qmi-codec/find-tlv", test_find_tlv);
  g_test_add_func ("/sim/qmi-codec/build", test_build);
  g_test_add_func ("/sim/qmi-codec/round-trip", test_round_trip);
  return g_test_run ();
}

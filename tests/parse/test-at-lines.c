/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The AT line splitter, table driven with byte streams as modems send them
 * (echo, blank lines, odd line endings, unsolicited lines, the SMS prompt,
 * NUL bytes and garbage), each fed at every split point and in chunks of
 * every size, plus 64 KiB answers and runaway input. */
#include <string.h>

#include "md-at-lines.h"

typedef struct {
  const char *name;
  const char *input;
  gsize len; /* 0: strlen (input) */
  const char *lines;
} Case;

static const Case cases[] = {
  { "bare OK", "\r\nOK\r\n", 0, "[OK]" },
  { "quectel echo", "AT+CGMI\r\r\nQuectel\r\n\r\nOK\r\n", 0, "[AT+CGMI][Quectel][OK]" },
  { "sierra ati",
    "ATI\r\r\nManufacturer: Sierra Wireless, Incorporated\r\nModel: MC7455\r\n"
    "Revision: SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09\r\nMEID: 35907206045169\r\n"
    "IMEI: 359072060451696\r\nIMEI SV:  9\r\nFSN: LQ650551070110\r\n+GCAP: +CGSM\r\n\r\n\r\nOK\r\n",
    0,
    "[ATI][Manufacturer: Sierra Wireless, Incorporated][Model: MC7455]"
    "[Revision: SWI9X30C_02.24.05.06 r7040 CARMD-EV-FRMWR2 2017/05/19 06:23:09][MEID: 35907206045169]"
    "[IMEI: 359072060451696][IMEI SV:  9][FSN: LQ650551070110][+GCAP: +CGSM][OK]" },
  { "huawei unsolicited mid answer", "\r\n^RSSI:18\r\n\r\n+CSQ: 18,99\r\n\r\n^MODE:5,4\r\n\r\nOK\r\n", 0,
    "[^RSSI:18][+CSQ: 18,99][^MODE:5,4][OK]" },
  { "u-blox", "\r\n+UPSV: 0\r\n\r\nOK\r\n", 0, "[+UPSV: 0][OK]" },
  { "telit", "\r\n#PSNT: 0,4\r\n\r\nOK\r\n", 0, "[#PSNT: 0,4][OK]" },
  { "simcom cpin with echo", "AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n", 0, "[AT+CPIN?][+CPIN: READY][OK]" },
  { "simcom boot urcs", "\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\nSMS DONE\r\n\r\nPB DONE\r\n", 0,
    "[RDY][+CFUN: 1][+CPIN: READY][SMS DONE][PB DONE]" },
  { "\\n\\r endings", "\n\rOK\n\r", 0, "[OK]" },
  { "lone \\r", "\rERROR\r", 0, "[ERROR]" },
  { "lone \\n", "\n+CREG: 1\n\nOK\n", 0, "[+CREG: 1][OK]" },
  { "mixed endings", "\r\n+CGMM\n\rEC25\r\rOK\n", 0, "[+CGMM][EC25][OK]" },
  { "many blank lines", "\r\n\r\n\r\n \t \r\n+CREG: 1\r\n\r\n", 0, "[+CREG: 1]" },
  { "blanks around text", "\r\n  +CSQ: 20,99  \r\n", 0, "[+CSQ: 20,99]" },
  { "unterminated tail waits", "+CSQ: 20,99\r\n\r\nOK", 0, "[+CSQ: 20,99]" },
  { "prompt", "\r\n> ", 0, "[>]" },
  { "prompt after echo", "AT+CMGS=23\r\r\n> ", 0, "[AT+CMGS=23][>]" },
  { "prompt without space waits", "\r\n>", 0, "" },
  { "not a prompt", "\r\n>> ", 0, "" },
  { "terminated prompt", "\r\n> \r\n", 0, "[>]" },
  { "nul bytes", "\0O\0K\0\r\n\0", 7, "[OK]" },
  { "garbage", "\xff\xfe\x01\r\nOK\r\n", 0, "[\xff\xfe\x01][OK]" },
  { "ppp frame then text", "~\x7d\x23\xc0\x21~\r\nNO CARRIER\r\n", 0, "[~\x7d\x23\xc0\x21~][NO CARRIER]" },
  { "ctrl-z echo", "0011000B91\x1a\r\n+CMGS: 5\r\n\r\nOK\r\n", 0, "[0011000B91\x1a][+CMGS: 5][OK]" },
};

static char *
split_chunks (const Case *c, const gsize *cuts, guint n_cuts)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  GString *out = g_string_new (NULL);
  gsize len = c->len ? c->len : strlen (c->input);
  gsize at = 0;
  char *line;

  for (guint i = 0; i <= n_cuts; i++) {
    gsize end = i < n_cuts ? cuts[i] : len;

    md_at_line_buffer_feed (buffer, (const guint8 *)c->input + at, end - at);
    at = end;
    while ((line = md_at_line_buffer_next (buffer))) {
      g_string_append_printf (out, "[%s]", line);
      g_free (line);
    }
  }
  return g_string_free (out, FALSE);
}

static void
test_every_split_point (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gsize len = cases[i].len ? cases[i].len : strlen (cases[i].input);

    g_test_message ("case %s", cases[i].name);
    for (gsize cut = 0; cut <= len; cut++) {
      g_autofree char *got = split_chunks (&cases[i], &cut, 1);

      g_assert_cmpstr (got, ==, cases[i].lines);
    }
  }
}

static void
test_every_chunk_size (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gsize len = cases[i].len ? cases[i].len : strlen (cases[i].input);

    g_test_message ("case %s", cases[i].name);
    for (gsize chunk = 1; chunk <= len; chunk++) {
      g_autofree gsize *cuts = g_new0 (gsize, len / chunk + 1);
      guint n = 0;
      g_autofree char *got = NULL;

      for (gsize at = chunk; at < len; at += chunk)
        cuts[n++] = at;
      got = split_chunks (&cases[i], cuts, n);
      g_assert_cmpstr (got, ==, cases[i].lines);
    }
  }
}

static void
test_pending_and_clear (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autofree char *line = NULL;

  md_at_line_buffer_feed (buffer, (const guint8 *)"\r\n+CSQ: 2", 9);
  g_assert_null (md_at_line_buffer_next (buffer));
  g_assert_cmpuint (md_at_line_buffer_pending (buffer), ==, 7);
  md_at_line_buffer_clear (buffer);
  g_assert_cmpuint (md_at_line_buffer_pending (buffer), ==, 0);
  md_at_line_buffer_feed (buffer, (const guint8 *)"0,99\r\nOK\r\n", 10);
  line = md_at_line_buffer_next (buffer);
  g_assert_cmpstr (line, ==, "0,99");
  g_clear_pointer (&line, g_free);
  line = md_at_line_buffer_next (buffer);
  g_assert_cmpstr (line, ==, "OK");
  g_assert_null (md_at_line_buffer_next (buffer));
  g_assert_cmpuint (md_at_line_buffer_pending (buffer), ==, 0);
}

static guint
drain_count (MdAtLineBuffer *buffer, GString *last)
{
  guint count = 0;
  char *line;

  while ((line = md_at_line_buffer_next (buffer))) {
    count++;
    g_string_assign (last, line);
    g_free (line);
  }
  return count;
}

static void
test_large_listing (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) last = g_string_new (NULL);
  guint count = 0;

  /* A full SIM's +CMGL=4: over 64 KiB in 4 KiB reads, as a port sees it. */
  for (guint i = 0; text->len < 64 * 1024; i++) {
    g_string_append_printf (
      text, "\r\n+CMGL: %u,1,,23\r\n07911326040000F0040B911346610089F6000020806291731408%04u", i, i);
  }
  g_string_append (text, "\r\n\r\nOK\r\n");
  for (gsize at = 0; at < text->len; at += 4096) {
    md_at_line_buffer_feed (buffer, (const guint8 *)text->str + at, MIN (4096, text->len - at));
    count += drain_count (buffer, last);
  }
  g_assert_cmpuint (count % 2, ==, 1);
  g_assert_cmpuint (count, >, 1500);
  g_assert_cmpstr (last->str, ==, "OK");
  g_assert_cmpuint (md_at_line_buffer_pending (buffer), ==, 0);
}

static void
test_large_line (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autoptr (GString) line = g_string_new ("+COPS: ");
  g_autoptr (GString) last = g_string_new (NULL);

  /* One 64 KiB line (a long +COPS=? scan), fed a byte at a time at the
   * end so that the splitter rescans nothing. */
  while (line->len < 64 * 1024)
    g_string_append (line, "(2,\"Operator\",\"Op\",\"26201\",7),");
  md_at_line_buffer_feed (buffer, (const guint8 *)line->str, line->len - 10);
  g_assert_cmpuint (drain_count (buffer, last), ==, 0);
  for (gsize at = line->len - 10; at < line->len; at++) {
    md_at_line_buffer_feed (buffer, (const guint8 *)line->str + at, 1);
    g_assert_cmpuint (drain_count (buffer, last), ==, 0);
  }
  md_at_line_buffer_feed (buffer, (const guint8 *)"\r\n", 2);
  g_assert_cmpuint (drain_count (buffer, last), ==, 1);
  g_assert_cmpuint (last->len, ==, line->len);
}

static void
test_runaway_input (void)
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autoptr (GString) last = g_string_new (NULL);
  g_autofree guint8 *junk = g_malloc (64 * 1024);

  /* A binary stream without line ends is dropped once it outgrows any
   * answer, and lines after it still come through. */
  memset (junk, 'x', 64 * 1024);
  for (guint i = 0; i < 8; i++) {
    md_at_line_buffer_feed (buffer, junk, 64 * 1024);
    g_assert_cmpuint (drain_count (buffer, last), ==, 0);
    g_assert_cmpuint (md_at_line_buffer_pending (buffer), <=, MD_AT_LINE_MAX_LEN);
  }
  md_at_line_buffer_feed (buffer, (const guint8 *)"\r\nRING\r\n", 8);
  g_assert_cmpuint (drain_count (buffer, last), >=, 1);
  g_assert_cmpstr (last->str, ==, "RING");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-lines/every-split-point", test_every_split_point);
  g_test_add_func ("/at-lines/every-chunk-size", test_every_chunk_size);
  g_test_add_func ("/at-lines/pending-and-clear", test_pending_and_clear);
  g_test_add_func ("/at-lines/large-listing", test_large_listing);
  g_test_add_func ("/at-lines/large-line", test_large_line);
  g_test_add_func ("/at-lines/runaway-input", test_runaway_input);
  return g_test_run ();
}

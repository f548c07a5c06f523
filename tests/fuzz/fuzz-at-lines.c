/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz harness of the AT line splitter and final-result classifier: the
 * bytes are fed in chunks whose sizes the input chooses, as reads from a
 * port would split them; every line goes through the classifier and the
 * identity parsers, and the information text collected between finals
 * through the ATI parser, as the port would hand it over. Properties of
 * the results are checked, not only the absence of crashes. */
#include <stdint.h>
#include <string.h>

#include "md-at-info.h"
#include "md-at-lines.h"
#include "md-at-response.h"
#include "md-errors.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_line (const char *line)
{
  gsize len = strlen (line);

  g_assert_cmpuint (len, >, 0);
  g_assert_null (strpbrk (line, "\r\n"));
  g_assert_false (g_ascii_isspace (line[0]));
  g_assert_false (g_ascii_isspace (line[len - 1]));
}

static void
check_final (const char *line, MdAtFinal final, const GError *error)
{
  switch (final) {
  case MD_AT_FINAL_NONE:
  case MD_AT_FINAL_OK:
  case MD_AT_FINAL_CONNECT:
  case MD_AT_FINAL_PROMPT:
    g_assert_no_error (error);
    g_assert_true (final == MD_AT_FINAL_NONE || md_at_final_is_success (final));
    return;
  case MD_AT_FINAL_ERROR:
    g_assert_true (error->domain == MD_CORE_ERROR || error->domain == MD_MOBILE_EQUIPMENT_ERROR);
    break;
  case MD_AT_FINAL_CME_ERROR: g_assert_true (error->domain == MD_MOBILE_EQUIPMENT_ERROR); break;
  case MD_AT_FINAL_CMS_ERROR:
    g_assert_true (error->domain == MD_MESSAGE_ERROR);
    g_assert_cmpint (error->code, >=, MD_MESSAGE_ERROR_ME_FAILURE);
    g_assert_cmpint (error->code, <=, MD_MESSAGE_ERROR_UNKNOWN);
    break;
  case MD_AT_FINAL_NO_CARRIER:
  case MD_AT_FINAL_BUSY:
  case MD_AT_FINAL_NO_ANSWER:
  case MD_AT_FINAL_NO_DIALTONE: g_assert_true (error->domain == MD_CONNECTION_ERROR); break;
  }
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (md_at_final_is_success (final));
}

static void
check_identity (const char *text)
{
  g_autofree char *value = md_at_info_value (text, NULL);
  g_autofree char *prefixed = md_at_info_value (text, "+CGMI:");
  g_autofree char *imei = md_at_parse_imei (text);
  g_autofree char *manufacturer = NULL, *model = NULL, *revision = NULL;

  if (imei) {
    g_assert_cmpuint (strlen (imei), ==, 15);
    for (guint i = 0; i < 15; i++)
      g_assert_true (g_ascii_isdigit (imei[i]));
  }
  g_assert_true (!value || *value);
  g_assert_true (!prefixed || *prefixed);
  md_at_parse_ati (text, &manufacturer, &model, &revision);
  g_assert_true (!manufacturer || *manufacturer);
}

/* Splits like a port reading: each chunk size comes from the input. */
static void
run (const uint8_t *data, size_t size, gsize (*next_chunk) (const uint8_t *, size_t, gsize))
{
  g_autoptr (MdAtLineBuffer) buffer = md_at_line_buffer_new ();
  g_autoptr (GString) information = g_string_new (NULL);
  gsize at = 0;
  char *line;

  while (at < size) {
    gsize chunk = MIN (next_chunk (data, size, at), size - at);

    md_at_line_buffer_feed (buffer, data + at, chunk);
    at += chunk;
    while ((line = md_at_line_buffer_next (buffer))) {
      g_autoptr (GError) error = NULL;
      MdAtFinal final = md_at_classify_line (line, &error);

      check_line (line);
      check_final (line, final, error);
      if (final == MD_AT_FINAL_NONE) {
        g_string_append_printf (information, "%s\n", line);
      } else {
        check_identity (information->str);
        g_string_truncate (information, 0);
      }
      g_free (line);
    }
    g_assert_cmpuint (md_at_line_buffer_pending (buffer), <=, MD_AT_LINE_MAX_LEN + size);
  }
  check_identity (information->str);
}

static gsize
chunk_from_data (const uint8_t *data, size_t size, gsize at)
{
  return (gsize)(data[at] % 17) + 1;
}

static gsize
chunk_whole (const uint8_t *data, size_t size, gsize at)
{
  return size;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  run (data, size, chunk_whole);
  run (data, size, chunk_from_data);
  return 0;
}

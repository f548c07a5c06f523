/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Arrays a broken device sends: a count that cannot fit in the answer, or
 * a telephone number outside it, fails the op cleanly instead of reaching
 * libmbim 1.28, which would allocate by the count (and wrap at 0xFFFFFFFF)
 * or free the numbers twice. Driven through the ops of a modem answered
 * without a port; Device Services (QMI over MBIM) read table-driven. */
#include "mbim-test-message.h"
#include "md-errors.h"
#include "md-mbim-arrays.h"
#include "md-mbim-ip-config.h"
#include "md-mbim-modem-private.h"
#include "md-mbim-ops.h"

/* A Basic Connect COMMAND_DONE for cid carrying words as its buffer. */
static MbimMessage *
answer (guint32 cid, const guint32 *words, guint n_words)
{
  g_autoptr (GByteArray) out = g_byte_array_new ();

  mbim_test_put32 (out, MBIM_MESSAGE_TYPE_COMMAND_DONE);
  mbim_test_put32 (out, 48 + 4 * n_words);
  mbim_test_put32 (out, 1);
  mbim_test_put32 (out, 1);
  mbim_test_put32 (out, 0);
  g_byte_array_append (out, (const guint8 *)MBIM_UUID_BASIC_CONNECT, sizeof (MbimUuid));
  mbim_test_put32 (out, cid);
  mbim_test_put32 (out, MBIM_STATUS_ERROR_NONE);
  mbim_test_put32 (out, 4 * n_words);
  for (guint i = 0; i < n_words; i++)
    mbim_test_put32 (out, words[i]);
  return mbim_message_new (out->data, out->len);
}

static MbimMessage *
reply_with (MbimMessage *request, gpointer user_data)
{
  return mbim_message_ref (user_data);
}

static void
done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  g_assert_null (g_task_propagate_pointer (G_TASK (result), error));
}

/* Runs op against answer and returns its error. */
static GError *
run_op (void (*op) (MdModem *, GTask *), MbimMessage *reply)
{
  g_autoptr (MdModem) modem
    = md_mbim_modem_new_with_replies (1, &md_mbim_modem_ops, "wwan0", reply_with, reply);
  GError *error = NULL;

  op (modem, g_task_new (modem, NULL, done, &error));
  while (!error)
    g_main_context_iteration (NULL, TRUE);
  return error;
}

static void
test_providers (void)
{
  const guint32 huge[] = { 0xFFFFFFFF, 0, 0 };
  const guint32 large[] = { 0x10000000, 0, 0 };
  g_autoptr (MbimMessage) wrapping = answer (MBIM_CID_BASIC_CONNECT_VISIBLE_PROVIDERS, huge, 3);
  g_autoptr (MbimMessage) allocating = answer (MBIM_CID_BASIC_CONNECT_VISIBLE_PROVIDERS, large, 3);
  g_autoptr (GError) error = run_op (md_mbim_netreg_ops.scan, wrapping);
  g_autoptr (GError) error2 = run_op (md_mbim_netreg_ops.scan, allocating);

  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "4294967295 elements cannot fit in 12 bytes"));
  g_assert_error (error2, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
}

static void
test_own_numbers (void)
{
  /* ready state, two empty strings, ready info, count, one pair */
  const guint32 words[] = { 1, 0, 0, 0, 0, 0, 0xFFFFFFFF, 0, 0 };
  g_autoptr (MbimMessage) reply = answer (MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS, words, 9);
  g_autoptr (GError) error = run_op (md_mbim_init_ops.load_own_numbers, reply);

  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "4294967295 numbers cannot fit"));
}

/* Subscriber Ready Status with numbers: each is an offset/size pair
 * followed, after the pairs, by its UTF-16LE text; a bad pair is given
 * as is. */
static MbimMessage *
ready_status (const char *const *numbers, guint n, guint bad_index, guint32 bad_offset)
{
  g_autoptr (GArray) words = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_autoptr (GByteArray) text = g_byte_array_new ();
  guint32 head[] = { 1, 0, 0, 0, 0, 0, n };
  guint32 fixed = sizeof head + 8 * n;

  g_array_append_vals (words, head, G_N_ELEMENTS (head));
  for (guint i = 0; i < n; i++) {
    g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (numbers[i], -1, NULL, NULL, NULL);
    guint32 size = 2 * (guint32)strlen (numbers[i]);
    guint32 pair[] = { i == bad_index ? bad_offset : fixed + text->len, size };

    g_array_append_vals (words, pair, 2);
    for (guint32 u = 0; u < size / 2; u++) {
      guint16 le = GUINT16_TO_LE (utf16[u]);

      g_byte_array_append (text, (const guint8 *)&le, 2);
    }
    while (text->len % 4)
      g_byte_array_append (text, (const guint8 *)"", 1);
  }
  g_assert_cmpuint (text->len % 4, ==, 0);
  for (guint i = 0; i < text->len / 4; i++) {
    guint32 w;

    memcpy (&w, text->data + 4 * i, 4);
    w = GUINT32_FROM_LE (w);
    g_array_append_val (words, w);
  }
  return answer (MBIM_CID_BASIC_CONNECT_SUBSCRIBER_READY_STATUS, (const guint32 *)words->data, words->len);
}

static void
done_numbers (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GStrv *out = user_data;
  g_autoptr (GError) error = NULL;

  *out = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
}

static void
test_numbers_read (void)
{
  const char *const numbers[] = { "+4915112345678", "", "+4917698765432" };
  g_autoptr (MbimMessage) reply = ready_status (numbers, 3, G_MAXUINT, 0);
  g_autoptr (MdModem) modem
    = md_mbim_modem_new_with_replies (1, &md_mbim_modem_ops, "wwan0", reply_with, reply);
  g_auto (GStrv) got = NULL;

  md_mbim_init_ops.load_own_numbers (modem, g_task_new (modem, NULL, done_numbers, &got));
  while (!got)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_strv_length (got), ==, 2);
  g_assert_cmpstr (got[0], ==, "+4915112345678");
  g_assert_cmpstr (got[1], ==, "+4917698765432");
}

static void
test_bad_number (void)
{
  /* libmbim 1.28 frees the array twice when one element fails. */
  const char *const numbers[] = { "+4915112345678", "+4917698765432" };
  g_autoptr (MbimMessage) outside = ready_status (numbers, 2, 1, 4000);
  g_autoptr (MbimMessage) odd = ready_status (numbers, 2, 0, 99);
  g_autoptr (GError) error = run_op (md_mbim_init_ops.load_own_numbers, outside);
  g_autoptr (GError) error2 = run_op (md_mbim_init_ops.load_own_numbers, odd);

  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "number 1 (28 bytes at 4000) is outside"));
  g_assert_nonnull (error2);
}

static void
test_ip_configuration (void)
{
  /* session, flags v4 and v6 (address), counts and offsets, MTUs */
  guint32 words[17] = { 0, 1, 1, 0, 60, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0, 24, 0x0a000001 };

  for (guint field = 3; field <= 11; field += field == 5 ? 4 : 2) {
    g_autoptr (MbimMessage) reply = NULL;
    g_autoptr (MdIpConfig) ip4 = NULL;
    g_autoptr (MdIpConfig) ip6 = NULL;
    g_autoptr (GError) error = NULL;

    /* Counts live in words 3, 5, 9 and 11. */
    words[field] = 0xFFFFFFFF;
    reply = answer (MBIM_CID_BASIC_CONNECT_IP_CONFIGURATION, words, 17);
    g_assert_false (md_mbim_parse_ip_configuration (reply, &ip4, &ip6, &error));
    g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "cannot fit"));
    words[field] = 0;
  }
}

/* The same message, its information buffer length field replaced. */
static MbimMessage *
claiming (MbimMessage *message, guint32 buffer_length)
{
  guint32 len = 0;
  const guint8 *raw = mbim_message_get_raw (message, &len, NULL);
  g_autofree guint8 *copy = g_memdup2 (raw, len);
  guint32 le = GUINT32_TO_LE (buffer_length);

  memcpy (copy + 44, &le, sizeof le);
  return mbim_message_new (copy, len);
}

static void
test_buffer_length_lies (void)
{
  /* A count that fits the claimed 4 GiB but not the message. */
  guint32 words[17] = { 0, 1, 0, 0x10000000, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24, 1 };
  g_autoptr (MbimMessage) honest = answer (MBIM_CID_BASIC_CONNECT_IP_CONFIGURATION, words, 17);
  g_autoptr (MbimMessage) lying = claiming (honest, G_MAXUINT32);
  /* libmbim reads past a buffer that claims to be empty, up to the end of
   * the message (found by fuzz-mbim). */
  g_autoptr (MbimMessage) empty = claiming (honest, 0);
  /* A number whose bytes would lie past the message. */
  const char *const numbers[] = { "+4915112345678" };
  g_autoptr (MbimMessage) ready = ready_status (numbers, 1, 0, 200);
  g_autoptr (MbimMessage) ready_lying = claiming (ready, 4096);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) got = NULL;

  g_assert_false (md_mbim_check_ip_configuration (lying, &error));
  g_assert_nonnull (strstr (error->message, "cannot fit in 68 bytes"));
  g_clear_error (&error);
  g_assert_false (md_mbim_check_ip_configuration (empty, &error));
  g_assert_nonnull (strstr (error->message, "cannot fit in 68 bytes"));
  g_clear_error (&error);
  got = md_mbim_read_telephone_numbers (ready_lying, &error);
  g_assert_null (got);
  g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "is outside 64 bytes"));
}

static void
test_counts_that_fit (void)
{
  /* One IPv4 address element at offset 60: prefix 24, 10.0.0.1. */
  const guint32 words[] = { 0, 1, 0, 1, 60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 24, GUINT32_FROM_BE (0x0a000001) };
  g_autoptr (MbimMessage) reply = answer (MBIM_CID_BASIC_CONNECT_IP_CONFIGURATION, words, 17);
  g_autoptr (MdIpConfig) ip4 = NULL;
  g_autoptr (MdIpConfig) ip6 = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (md_mbim_check_ip_configuration (reply, NULL));
  g_assert_true (md_mbim_parse_ip_configuration (reply, &ip4, &ip6, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ip4->address, ==, "10.0.0.1");
  g_assert_cmpuint (ip4->prefix, ==, 24);
  g_assert_null (ip6);
}

/* Device Services, read by our own reader (QMI over MBIM): services and
 * their CIDs must fit in the buffer. */
#define QMI_UUID 0xc20ba3d1, 0x436e7af9, 0xe2c765bf, 0xd3f0b04f
#define BC_UUID  0x33cc89a2, 0x4f8bbbbc, 0x3e13b0b6, 0xdfe6aac2

static void
test_device_services (void)
{
  static const guint32 qmi[] = { 1, 0, 16, 32, QMI_UUID, 0, 0, 1, 1 };
  static const guint32 both[] = { 2, 0, 24, 32, 56, 32, BC_UUID, 0, 0, 1, 1, QMI_UUID, 0, 0, 1, 1 };
  static const guint32 basic_only[] = { 1, 0, 16, 32, BC_UUID, 0, 0, 1, 1 };
  static const guint32 qmi_other_cid[] = { 1, 0, 16, 32, QMI_UUID, 0, 0, 1, 2 };
  static const guint32 count_lies[] = { 0xFFFFFFFF, 0 };
  static const guint32 element_outside[] = { 1, 0, 100, 32 };
  static const guint32 element_short[] = { 1, 0, 16, 8, QMI_UUID };
  static const guint32 cids_lie[] = { 1, 0, 16, 32, QMI_UUID, 0, 0, 0xFFFFFFFF, 1 };
  static const struct {
    const guint32 *words;
    guint n_words;
    gboolean ok;
    gboolean lists;
  } cases[] = {
    { qmi, G_N_ELEMENTS (qmi), TRUE, TRUE },
    { both, G_N_ELEMENTS (both), TRUE, TRUE },
    { basic_only, G_N_ELEMENTS (basic_only), TRUE, FALSE },
    { qmi_other_cid, G_N_ELEMENTS (qmi_other_cid), TRUE, FALSE },
    { count_lies, G_N_ELEMENTS (count_lies), FALSE, FALSE },
    { element_outside, G_N_ELEMENTS (element_outside), FALSE, FALSE },
    { element_short, G_N_ELEMENTS (element_short), FALSE, FALSE },
    { cids_lie, G_N_ELEMENTS (cids_lie), FALSE, FALSE },
    { NULL, 0, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (MbimMessage) message
      = answer (MBIM_CID_BASIC_CONNECT_DEVICE_SERVICES, cases[i].words, cases[i].n_words);
    g_autoptr (GError) error = NULL;
    gboolean lists = TRUE;
    gboolean ok = md_mbim_read_lists_qmi (message, &lists, &error);

    g_test_message ("case %u", i);
    g_assert_cmpint (ok, ==, cases[i].ok);
    g_assert_cmpint (lists, ==, cases[i].lists);
    if (ok)
      g_assert_no_error (error);
    else
      g_assert_error (error, MD_CORE_ERROR, MD_CORE_ERROR_FAILED);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mbim/arrays/visible-providers", test_providers);
  g_test_add_func ("/mbim/arrays/device-services", test_device_services);
  g_test_add_func ("/mbim/arrays/subscriber-numbers", test_own_numbers);
  g_test_add_func ("/mbim/arrays/numbers", test_numbers_read);
  g_test_add_func ("/mbim/arrays/bad-number", test_bad_number);
  g_test_add_func ("/mbim/arrays/ip-configuration", test_ip_configuration);
  g_test_add_func ("/mbim/arrays/counts-that-fit", test_counts_that_fit);
  g_test_add_func ("/mbim/arrays/buffer-length-field-ignored", test_buffer_length_lies);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Element counts a broken device sends: a count that cannot fit in the
 * answer fails the op cleanly instead of reaching libmbim, which would
 * allocate by it (and wrap at 0xFFFFFFFF). Driven through the ops of a
 * modem answered without a port. */
#include "mbim-test-message.h"
#include "md-errors.h"
#include "md-mbim-counts.h"
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
  g_assert_nonnull (strstr (error->message, "Subscriber Ready Status"));
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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  md_mbim_modem_use_fake_net_links (TRUE);
  g_test_add_func ("/mbim/counts/visible-providers", test_providers);
  g_test_add_func ("/mbim/counts/subscriber-numbers", test_own_numbers);
  g_test_add_func ("/mbim/counts/ip-configuration", test_ip_configuration);
  g_test_add_func ("/mbim/counts/counts-that-fit", test_counts_that_fit);
  return g_test_run ();
}

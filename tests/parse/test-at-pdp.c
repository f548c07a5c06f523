/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table tests of src/parse/md-at-pdp.c: +CGDCONT? responses of the shapes
 * modems send, and malformed or hostile ones. */
#include "md-at-pdp.h"
#include "md-enums.h"

static void
test_cgdcont_query (void)
{
  static const struct {
    const char *response;
    gboolean ok;
    const char *want; /* "cid:ip_type:apn;..." */
  } cases[] = {
    { "+CGDCONT: 1,\"IP\",\"internet\",\"\",0,0\r\n+CGDCONT: 2,\"IPV4V6\",\"ims\",\"\",0,0", TRUE,
      "1:1:internet;2:4:ims;" },
    { "+CGDCONT: 1,\"IPV6\",\"\",\"0.0.0.0\",0,0,0,0", TRUE, "1:2:;" },
    { "+CGDCONT: 3,\"Non-IP\",\"iot\"", TRUE, "3:8:iot;" },
    { "+CGDCONT: 4,\"PPP\",\"old\"", TRUE, "4:0:old;" },
    { "", TRUE, "" },
    { "\r\n+CGDCONT: 1,\"ip\",\"a.b\"\r\n\r\n", TRUE, "1:1:a.b;" },
    { "+CGDCONT: 0,\"IP\",\"x\"", FALSE, NULL },
    { "+CGDCONT: 256,\"IP\",\"x\"", FALSE, NULL },
    { "+CGDCONT: 1,\"IP\"", FALSE, NULL },
    { "+CGDCONT: x,\"IP\",\"x\"", FALSE, NULL },
    { "+CGDCONT: 1,\"IP\",\"a\"\r\n+CGDCONT: 1,\"IP\",\"b\"", FALSE, NULL },
    { "+CGDCONT: 1,\"IP\",\"bad\x01\"", FALSE, NULL },
    { "+CGDCONT: 1,\"IP\",\"bad\xc3\xa4\"", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) contexts = md_at_parse_cgdcont_query (cases[i].response, &error);
    g_autoptr (GString) got = g_string_new (NULL);

    g_test_message ("%s", cases[i].response);
    g_assert_cmpint (contexts != NULL, ==, cases[i].ok);
    if (!contexts) {
      g_assert_nonnull (error);
      continue;
    }
    for (guint j = 0; j < contexts->len; j++) {
      const MdAtPdpContext *c = g_ptr_array_index (contexts, j);

      g_string_append_printf (got, "%u:%u:%s;", c->cid, c->ip_type, c->apn);
    }
    g_assert_cmpstr (got->str, ==, cases[i].want);
  }
}

static void
test_pdp_type (void)
{
  g_assert_cmpstr (md_at_pdp_type_for_ip_type (MD_BEARER_IP_FAMILY_IPV4), ==, "IP");
  g_assert_cmpstr (md_at_pdp_type_for_ip_type (MD_BEARER_IP_FAMILY_IPV4V6), ==, "IPV4V6");
  g_assert_null (md_at_pdp_type_for_ip_type (MD_BEARER_IP_FAMILY_NONE));
  g_assert_null (md_at_pdp_type_for_ip_type (MD_BEARER_IP_FAMILY_IPV4 | MD_BEARER_IP_FAMILY_IPV6));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/at-pdp/cgdcont-query", test_cgdcont_query);
  g_test_add_func ("/at-pdp/pdp-type", test_pdp_type);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mc-connect-string.c, table-driven: the key=value strings of
 * --simple-connect, --create-bearer, --messaging-create-sms and
 * --report-kernel-event, accepted with their typed values or refused. */
#include "mc-connect-string.h"

typedef struct {
  const char *text;
  McStringKind kind;
  const char *expected; /* the a{sv} printed, or NULL: refused */
} Case;

static const Case cases[] = {
  { "", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "   ", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "apn=internet", MC_STRING_SIMPLE, "{'apn': <'internet'>}" },
  { " apn = internet , user=u", MC_STRING_SIMPLE, "{'apn': <'internet'>, 'user': <'u'>}" },
  { "apn='with space',password=\"a,b\"", MC_STRING_SIMPLE, "{'apn': <'with space'>, 'password': <'a,b'>}" },
  { "apn=", MC_STRING_SIMPLE, "{'apn': <''>}" },
  { "ip-type=ipv4v6", MC_STRING_SIMPLE, "{'ip-type': <uint32 4>}" },
  { "ip-type=IPV6", MC_STRING_SIMPLE, "{'ip-type': <uint32 2>}" },
  /* zero values are read but not sent, as ModemManager's client does */
  { "ip-type=none", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "allowed-auth=", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "allowed-auth=pap|chap", MC_STRING_SIMPLE, "{'allowed-auth': <uint32 6>}" },
  { "apn-type=ims", MC_STRING_SIMPLE, "{'apn-type': <uint32 4>}" },
  { "allow-roaming=no", MC_STRING_SIMPLE, "{'allow-roaming': <false>}" },
  { "allow-roaming=TRUE", MC_STRING_SIMPLE, "{'allow-roaming': <true>}" },
  { "profile-id=3", MC_STRING_SIMPLE, "{'profile-id': <3>}" },
  { "profile-id=' 3'", MC_STRING_SIMPLE, "{'profile-id': <3>}" },
  { "profile-id=-1", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "profile-enabled=yes,profile-source=admin", MC_STRING_BEARER,
    "{'profile-enabled': <true>, 'profile-source': <uint32 1>}" },
  { "pin=1234,operator-id=26201", MC_STRING_SIMPLE, "{'pin': <'1234'>, 'operator-id': <'26201'>}" },
  { "number=*99#", MC_STRING_SIMPLE, "@a{sv} {}" },
  { "apn=x,", MC_STRING_SIMPLE, "{'apn': <'x'>}" },
  { "apn='\xc3\xa9'", MC_STRING_SIMPLE, "{'apn': <'\xc3\xa9'>}" },
  /* pin and operator-id belong to Simple.Connect only */
  { "pin=1234", MC_STRING_BEARER, NULL },
  { "apn=x", MC_STRING_BEARER, "{'apn': <'x'>}" },
  { "apn=x,foo=bar", MC_STRING_SIMPLE, NULL },
  { "roaming-allowance=home", MC_STRING_BEARER, NULL },
  { "apn-type=default|ims", MC_STRING_BEARER, NULL },
  { "apn", MC_STRING_SIMPLE, NULL },
  { "=x", MC_STRING_SIMPLE, NULL },
  { "apn='x", MC_STRING_SIMPLE, NULL },
  { "apn=x y", MC_STRING_SIMPLE, NULL },
  { "ip-type=ipv5", MC_STRING_SIMPLE, NULL },
  { "ip-type=ipv4|ipv6", MC_STRING_SIMPLE, NULL },
  { "allowed-auth=pap|", MC_STRING_SIMPLE, NULL },
  { "allow-roaming=maybe", MC_STRING_SIMPLE, NULL },
  { "profile-id=3x", MC_STRING_SIMPLE, NULL },
  { "profile-id=", MC_STRING_SIMPLE, NULL },
  { "profile-id=99999999999", MC_STRING_SIMPLE, NULL },
  { ",,,", MC_STRING_SIMPLE, NULL },
  { "\x01=1", MC_STRING_SIMPLE, NULL },
  { "apn=\xff\xfe", MC_STRING_SIMPLE, NULL },
  { "number=+4917,text='hi there'", MC_STRING_SMS, "{'number': <'+4917'>, 'text': <'hi there'>}" },
  { "validity=10,class=1,delivery-report-request=yes", MC_STRING_SMS,
    "{'validity': <(uint32 1, <uint32 10>)>, 'class': <1>, 'delivery-report-request': <true>}" },
  /* validity is read as strtoul reads it, class < 0 is not sent */
  { "validity=abc,class=-1", MC_STRING_SMS, "{'validity': <(uint32 1, <uint32 0>)>}" },
  { "teleservice-id=wmt", MC_STRING_SMS, "{'teleservice-id': <uint32 4098>}" },
  { "validity=-1", MC_STRING_SMS, NULL },
  { "storage=me", MC_STRING_SMS, NULL },
  { "data=0102", MC_STRING_SMS, NULL },
  { "apn=x", MC_STRING_SMS, NULL },
  { "action=add,subsystem=tty,name=ttyUSB0,uid=/x", MC_STRING_KERNEL_EVENT,
    "{'action': <'add'>, 'subsystem': <'tty'>, 'name': <'ttyUSB0'>, 'uid': <'/x'>}" },
  { "action=add,bogus=1", MC_STRING_KERNEL_EVENT, NULL },
};

static void
test_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (GVariant) result = mc_connect_string_parse (cases[i].text, cases[i].kind, &error);

    if (result)
      g_variant_ref_sink (result);
    g_test_message ("case %u: %s", i, cases[i].text);
    if (!cases[i].expected) {
      g_assert_null (result);
      g_assert_error (error, MC_STRING_ERROR, 0);
      continue;
    }
    g_assert_no_error (error);
    g_assert_nonnull (result);
    {
      g_autofree char *printed = g_variant_print (result, TRUE);

      g_assert_cmpstr (printed, ==, cases[i].expected);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/strings/cases", test_cases);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SMS PDU decoding: real SMS-DELIVER, SMS-SUBMIT and SMS-STATUS-REPORT PDUs
 * (public test suites and PDU tutorials; expected values worked out by
 * hand), then every kind of malformed input. Table driven. */
#include "md-errors.h"
#include "md-hex.h"
#include "md-sms-fields.h"
#include "md-sms-pdu.h"

typedef struct {
  const char *name;
  const char *hex;
  gboolean with_smsc;
  MdSmsPduType type;
  const char *smsc;
  const char *number;
  const char *timestamp;
  const char *text;
  const char *data_hex; /* 8-bit user data, else NULL */
  gint message_class;
  guint16 concat_reference; /* with concat_max 0: no concatenation */
  guint8 concat_max;
  guint8 concat_sequence;
} DecodeCase;

static const DecodeCase decode_cases[] = {
  { "deliver, GSM 7-bit with extension characters, zone -05:00",
    "07912104442961F4040B916171957291F800001120821105050A6AC8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E9741"
    "1BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A0797D8C0685"
    "E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+12404492164", "+16175927198", "2011-02-28T11:50:50-05:00",
    "Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.",
    NULL, -1 },
  { "deliver, alphanumeric sender, UCS-2",
    "07919730071111F10414D04937BD2C7797E9D3E614000811309291024061080442043504410442", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, "+79037011111", "InternetSMS", "2011-03-29T19:20:04+04:00", "тест", NULL, -1 },
  { "deliver, hellohello", "07912143658709F1040B918100551512F20000111010214365000AE8329BFD4697D9EC37", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, "+12345678901", "+18005551212", "2011-01-01T12:34:56+00:00", "hellohello", NULL,
    -1 },
  { "deliver, national number", "07912143658709F1040B818100551512F20000111010214365000AE8329BFD4697D9EC37",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+12345678901", "18005551212", "2011-01-01T12:34:56+00:00", "hellohello",
    NULL, -1 },
  { "deliver, 8-bit data", "07912143658709F1040B918100551512F20004111010214365000AE8329BFD4697D9EC37DE", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, "+12345678901", "+18005551212", "2011-01-01T12:34:56+00:00", NULL,
    "E8329BFD4697D9EC37DE", -1 },
  { "deliver, TP-DCS F4: 8-bit, class 0",
    "07912143658709F1040B918100551512F200F4111010214365000AE8329BFD4697D9EC37DE", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, "+12345678901", "+18005551212", "2011-01-01T12:34:56+00:00", NULL,
    "E8329BFD4697D9EC37DE", 0 },
  { "deliver, TP-DCS F1: GSM 7-bit class 1, 160 septets",
    "07913306091093F0040485810000F111604231805180A049B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D"
    "06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC"
    "0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A077"
    "1D040FCB41F402BB0047BFDD6550B80ECAD966",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+33609001390", "1800", "2011-06-24T13:08:15+02:00",
    "Info SFR - Confidentiel, à ne jamais transmettre -\r\nVoici votre nouveau mot de passe : sw2ced pour "
    "gérer votre compte SFR "
    "sur www.sfr.fr ou par téléphone au 963",
    NULL, 1 },
  { "deliver, UDH with 16-bit concatenation reference (KPN welcome)",
    "07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E232"
    "1BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C1"
    "6031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB"
    "5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9"
    "A0B49B5E96BBCB",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+31653131316", "1002", "2011-06-29T23:32:19+02:00",
    "Welkom, bel om uw Voicemail te beluisteren naar +31612001233 (PrePay: *100*1233#). Voicemail ontvangen "
    "is altijd gratis. "
    "Voor gebruik van mobiel interne",
    NULL, -1, 0x0010, 2, 1 },
  { "deliver, part 1 of 2, 8-bit reference",
    "07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E"
    "83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434"
    "081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97"
    "E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB"
    "0C9297E1F2F2BCECA6CF41",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+12063130025", "+16175046925", "2012-04-25T19:56:50-04:00",
    "This is a very long test designed to exercise multi part capability. It should show up as one message, "
    "not as two, as the "
    "underlying encoding represents ",
    NULL, -1, 0x4C, 2, 1 },
  { "deliver, part 2 of 2",
    "07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D4447"
    "9741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10",
    TRUE, MD_SMS_PDU_TYPE_DELIVER, "+12063130026", "+16175046925", "2012-04-25T19:56:51-04:00",
    "that the parts are related to one another. ", NULL, -1, 0x4C, 2, 2 },
  /* The dreamfabric tutorial's DELIVER: TON 4 sender, year 99 read as 2099
   * (as ModemManager does). */
  { "deliver, tutorial", "07917283010010F5040BC87238880900F10000993092516195800AE8329BFD4697D9EC37", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, "+27381000015", "27838890001", "2099-03-29T15:16:59+02:00", "hellohello", NULL,
    -1 },
  /* The same without the SMSC field, as a raw TPDU. */
  { "deliver, no SMSC field", "040BC87238880900F10000993092516195800AE8329BFD4697D9EC37", FALSE,
    MD_SMS_PDU_TYPE_DELIVER, NULL, "27838890001", "2099-03-29T15:16:59+02:00", "hellohello", NULL, -1 },
  { "submit, stored by a modem, UCS-2, empty SMSC",
    "002100098136397339F70008224F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60597D4F60", TRUE,
    MD_SMS_PDU_TYPE_SUBMIT, NULL, "639337937", NULL, "你好你好你好你好你好你好你好你好你", NULL, -1 },
  { "submit, tutorial, relative validity", "0011000B916407281553F80000AA0AE8329BFD4697D9EC37", TRUE,
    MD_SMS_PDU_TYPE_SUBMIT, NULL, "+46708251358", NULL, "hellohello", NULL, -1 },
  { "status report", "07914356060013F1065A098136397339F7219011700463802190117004638030", TRUE,
    MD_SMS_PDU_TYPE_STATUS_REPORT, "+34656000311", "639337937", "2012-09-11T07:40:36+02:00", NULL, NULL, -1 },
  /* A status report with TP-PI announcing DCS and user data. */
  { "status report with TP-PI and text",
    "00060C0B916407281553F8112030415010801120304150108000060005E8329BFD06", TRUE,
    MD_SMS_PDU_TYPE_STATUS_REPORT, NULL, "+46708251358", "2011-02-03T14:05:01+02:00", "hello", NULL, -1 },
  /* Absolute and enhanced validity are stepped over. */
  { "submit, absolute validity", "0019000B916407281553F80000112030415010800AE8329BFD4697D9EC37", TRUE,
    MD_SMS_PDU_TYPE_SUBMIT, NULL, "+46708251358", NULL, "hellohello", NULL, -1 },
  { "submit, enhanced validity (relative seconds)",
    "0009000B916407281553F80000027800000000000AE8329BFD4697D9EC37", TRUE, MD_SMS_PDU_TYPE_SUBMIT, NULL,
    "+46708251358", NULL, "hellohello", NULL, -1 },
  /* Other IEs are skipped by their lengths: a port IE (0x05) before
   * concatenation, in UCS-2. */
  { "deliver, UCS-2 with port IE and concatenation",
    "004004812143000811101021436500120B05040B840B8400030A0302004100420043", TRUE, MD_SMS_PDU_TYPE_DELIVER,
    NULL, "1234", "2011-01-01T12:34:56+00:00", "ABC", NULL, -1, 0x0A, 3, 2 },
  /* A timestamp of zeros (phones storing a message) or out of range: the
   * message without a time. */
  { "deliver, zero timestamp", "0004048121430000000000000000000AE8329BFD4697D9EC37", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, NULL, "1234", NULL, "hellohello", NULL, -1 },
  { "deliver, month 13", "0004048121430000113110214365000AE8329BFD4697D9EC37", TRUE, MD_SMS_PDU_TYPE_DELIVER,
    NULL, "1234", NULL, "hellohello", NULL, -1 },
  /* Empty GSM 7-bit text; an empty originating address. */
  { "deliver, empty text", "0004008100001110102143650000", TRUE, MD_SMS_PDU_TYPE_DELIVER, NULL, "",
    "2011-01-01T12:34:56+00:00", "", NULL, -1 },
  /* An invalid concatenation IE (sequence above count) is ignored. */
  { "deliver, bogus concatenation IE ignored", "0044048121430000111010214365000C050003070204D06536FB0D", TRUE,
    MD_SMS_PDU_TYPE_DELIVER, NULL, "1234", "2011-01-01T12:34:56+00:00", "hello", NULL, -1 },
};

static void
test_decode (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (decode_cases); i++) {
    const DecodeCase *c = &decode_cases[i];
    g_autoptr (GError) error = NULL;
    g_autoptr (MdSmsPart) part = NULL;

    g_test_message ("%s", c->name);
    part = md_sms_pdu_decode_hex (c->hex, c->with_smsc, &error);
    g_assert_no_error (error);
    g_assert_nonnull (part);
    g_assert_cmpint (part->type, ==, c->type);
    g_assert_cmpstr (part->smsc, ==, c->smsc);
    g_assert_cmpstr (part->number, ==, c->number);
    g_assert_cmpstr (part->timestamp, ==, c->timestamp);
    g_assert_cmpstr (part->text, ==, c->text);
    if (c->data_hex) {
      gsize len;
      const guint8 *data = g_bytes_get_data (part->data, &len);
      g_autofree char *hex = md_hex_encode (data, len);

      g_assert_cmpstr (hex, ==, c->data_hex);
    } else {
      g_assert_null (part->data);
    }
    g_assert_cmpint (part->message_class, ==, c->message_class);
    g_assert_cmpint (part->concat, ==, c->concat_max != 0);
    if (c->concat_max) {
      g_assert_cmpuint (part->concat_reference, ==, c->concat_reference);
      g_assert_cmpuint (part->concat_max, ==, c->concat_max);
      g_assert_cmpuint (part->concat_sequence, ==, c->concat_sequence);
    }
  }
}

/* Fields the table above does not hold. */
static void
test_decode_fields (void)
{
  g_autoptr (MdSmsPart) submit
    = md_sms_pdu_decode_hex ("0011000B916407281553F80000AA0AE8329BFD4697D9EC37", TRUE, NULL);
  g_autoptr (MdSmsPart) stored = md_sms_pdu_decode_hex (decode_cases[12].hex, TRUE, NULL);
  g_autoptr (MdSmsPart) report = md_sms_pdu_decode_hex (decode_cases[14].hex, TRUE, NULL);
  g_autoptr (MdSmsPart) report2 = md_sms_pdu_decode_hex (decode_cases[15].hex, TRUE, NULL);
  g_autoptr (MdSmsPart) absolute = md_sms_pdu_decode_hex (decode_cases[16].hex, TRUE, NULL);
  g_autoptr (MdSmsPart) enhanced = md_sms_pdu_decode_hex (decode_cases[17].hex, TRUE, NULL);
  g_autoptr (MdSmsPart) deliver = md_sms_pdu_decode_hex (decode_cases[2].hex, TRUE, NULL);

  /* TP-VP AA: 4 days. */
  g_assert_cmpint (submit->validity_type, ==, MD_SMS_VALIDITY_TYPE_RELATIVE);
  g_assert_cmpuint (submit->validity_relative, ==, 4 * 24 * 60);
  g_assert_false (submit->delivery_report_request);
  g_assert_cmpuint (submit->message_reference, ==, 0);
  g_assert_cmpuint (submit->dcs, ==, 0);
  g_assert_cmpint (submit->encoding, ==, MD_SMS_ENCODING_GSM7);
  g_assert_cmpuint (submit->delivery_state, ==, MD_SMS_DELIVERY_STATE_UNKNOWN);

  g_assert_true (stored->delivery_report_request);
  g_assert_cmpint (stored->validity_type, ==, MD_SMS_VALIDITY_TYPE_UNKNOWN);
  g_assert_cmpint (stored->encoding, ==, MD_SMS_ENCODING_UCS2);

  g_assert_cmpuint (report->message_reference, ==, 0x5A);
  g_assert_cmpstr (report->discharge_timestamp, ==, "2012-09-11T07:40:36+02:00");
  g_assert_cmpuint (report->delivery_state, ==, 0x30);
  g_assert_false (report->delivery_report_request);
  g_assert_cmpuint (report2->message_reference, ==, 0x0C);
  g_assert_cmpstr (report2->discharge_timestamp, ==, "2011-02-03T14:05:01+02:00");
  g_assert_cmpuint (report2->delivery_state, ==, MD_SMS_DELIVERY_STATE_COMPLETED_RECEIVED);

  g_assert_cmpint (absolute->validity_type, ==, MD_SMS_VALIDITY_TYPE_ABSOLUTE);
  /* Enhanced, relative in seconds: 0x78 = 120 s. */
  g_assert_cmpint (enhanced->validity_type, ==, MD_SMS_VALIDITY_TYPE_ENHANCED);
  g_assert_cmpuint (enhanced->validity_relative, ==, 2);

  g_assert_cmpuint (deliver->pid, ==, 0);
  g_assert_null (deliver->discharge_timestamp);
  g_assert_cmpint (deliver->validity_type, ==, MD_SMS_VALIDITY_TYPE_UNKNOWN);
}

static void
test_decode_malformed (void)
{
  static const struct {
    const char *name;
    const char *hex;
    gint code;
  } cases[] = {
    { "empty", "", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "odd hex", "07912143658709F1040", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "not hex", "07912143658709F1040X", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "SMSC only", "07912143658709F1", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "SMSC longer than the PDU", "0F912143", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "SMSC length 12", "0C91214365870921436587090400", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "address length 21", "0004159121436587092143658709214365870921F10000111010214365000100",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "address cut short", "00040B918100", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "filler inside the address", "00040B9181F0551512F20000111010214365000100",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "filler inside the SMSC", "0791214365F709F1040B918100551512F20000111010214365000100",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "timestamp not BCD", "00040481214300001110102143A5000100", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDL beyond the data (septets)",
      "07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDL beyond the data (octets)",
      "07912143658709F1040B918100551512F20004111010214365000BE8329BFD4697D9EC37DE",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDL missing", "0004048121430000111010214365", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDH length beyond the user data", "00440481214300041110102143650006090003070201",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDH element beyond the UDH", "00440481214300041110102143650006050004070901",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDH element header cut", "0044048121430004111010214365000201000000",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "UDH longer than UDL in septets", "0044048121430000111010214365000100",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "compressed", "0004048121430020111010214365000100", MD_MESSAGE_ERROR_NOT_SUPPORTED },
    { "compressed, automatic deletion group", "0004048121430060111010214365000100",
      MD_MESSAGE_ERROR_NOT_SUPPORTED },
    { "reserved TP-MTI", "0003", MD_MESSAGE_ERROR_NOT_SUPPORTED },
    { "submit without TP-VP", "0011000B916407281553F80000", MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "submit with absolute TP-VP cut", "0019000B916407281553F800001120304150",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "status report without TP-ST", "00060C0B916407281553F81120304150108011203041501080",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "status report TP-PI announces missing DCS", "00060C0B916407281553F811203041501080112030415010800003",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
    { "status report TP-PI extension cut", "00060C0B916407281553F811203041501080112030415010800080",
      MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    const char *hex = cases[i].hex;
    g_autoptr (MdSmsPart) part = NULL;

    g_test_message ("%s", cases[i].name);
    part = md_sms_pdu_decode_hex (hex, TRUE, &error);
    g_assert_null (part);
    g_assert_error (error, MD_MESSAGE_ERROR, cases[i].code);
  }
}

/* Every strict prefix of a DELIVER or SUBMIT is refused (the user data comes
 * last), with or without the SMSC field. */
static void
test_decode_truncated (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (decode_cases); i++) {
    const DecodeCase *c = &decode_cases[i];
    gsize len;
    g_autofree guint8 *pdu = NULL;

    if (c->type == MD_SMS_PDU_TYPE_STATUS_REPORT)
      continue;
    pdu = md_hex_decode (c->hex, -1, &len, NULL);
    for (gsize n = 0; n < len; n++) {
      g_autoptr (GError) error = NULL;
      /* A copy of exactly n octets, so a read past it is seen by ASan. */
      g_autofree guint8 *prefix = g_memdup2 (pdu, n);
      g_autoptr (MdSmsPart) part = md_sms_pdu_decode (prefix, n, c->with_smsc, &error);

      g_assert_null (part);
      g_assert_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
    }
  }
}

static void
test_validity (void)
{
  static const struct {
    guint8 vp;
    guint minutes;
  } steps[] = {
    { 0, 5 },      { 1, 10 },     { 143, 720 },   { 144, 750 },   { 167, 1440 },
    { 168, 2880 }, { 170, 5760 }, { 196, 43200 }, { 197, 50400 }, { 255, 635040 },
  };
  static const struct {
    guint minutes;
    guint8 vp;
  } rounding[] = {
    { 1, 0 },       { 5, 0 },        { 6, 1 },        { 720, 143 },  { 721, 144 },
    { 1440, 167 },  { 1441, 168 },   { 2880, 168 },   { 2881, 169 }, { 43200, 196 },
    { 43201, 197 }, { 635040, 255 }, { 635041, 255 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++) {
    g_assert_cmpuint (md_sms_validity_to_minutes (steps[i].vp), ==, steps[i].minutes);
    g_assert_cmpuint (md_sms_validity_from_minutes (steps[i].minutes), ==, steps[i].vp);
  }
  for (guint i = 0; i < G_N_ELEMENTS (rounding); i++)
    g_assert_cmpuint (md_sms_validity_from_minutes (rounding[i].minutes), ==, rounding[i].vp);
  /* Every octet maps back to itself. */
  for (guint vp = 0; vp < 256; vp++)
    g_assert_cmpuint (md_sms_validity_from_minutes (md_sms_validity_to_minutes ((guint8)vp)), ==, vp);
}

static void
test_timestamp (void)
{
  static const struct {
    const char *hex;
    const char *iso;
    gboolean error;
  } cases[] = {
    { "11208211050500", "2011-02-28T11:50:50+00:00" },
    { "1120821105050A", "2011-02-28T11:50:50-05:00" },
    { "11309291024061", "2011-03-29T19:20:04+04:00" },
    /* Quarter hours: +05:30 (22 quarters), -03:30 (14). */
    { "52107021436522", "2025-01-07T12:34:56+05:30" },
    { "52107021436549", "2025-01-07T12:34:56-03:30" },
    { "42209200000000", "2024-02-29T00:00:00+00:00" },
    /* The year's two digits are 20yy, whatever they are (as ModemManager). */
    { "00101000000000", "2000-01-01T00:00:00+00:00" },
    { "96211332959540", "2069-12-31T23:59:59+01:00" },
    { "07101000000000", "2070-01-01T00:00:00+00:00" },
    { "99211321000088", "2099-12-31T12:00:00-02:00" },
    /* Out of range: no time, no error. */
    { "32209200000000", NULL }, /* 2023-02-29 */
    { "11100000000000", NULL }, /* day 0 */
    { "11104142000000", NULL }, /* hour 24 */
    { "11311021436500", NULL }, /* month 13 */
    { "00000000000000", NULL }, /* all zeros */
    /* Not BCD: an error. */
    { "111010210600F0", NULL, TRUE }, /* zone units */
    { "1110102143A500", NULL, TRUE }, /* seconds */
    { "F0000000000000", NULL, TRUE }, /* year */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    gsize len;
    g_autofree guint8 *octets = md_hex_decode (cases[i].hex, -1, &len, NULL);
    g_autoptr (GError) error = NULL;
    g_autofree char *iso = NULL;
    gboolean ok = md_sms_timestamp_decode (octets, &iso, &error);

    g_test_message ("timestamp %s", cases[i].hex);
    g_assert_cmpstr (iso, ==, cases[i].iso);
    g_assert_cmpint (ok, ==, !cases[i].error);
    if (cases[i].error)
      g_assert_error (error, MD_MESSAGE_ERROR, MD_MESSAGE_ERROR_INVALID_PDU_PARAMETER);
    else
      g_assert_no_error (error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sms-pdu/decode", test_decode);
  g_test_add_func ("/sms-pdu/decode-fields", test_decode_fields);
  g_test_add_func ("/sms-pdu/decode-malformed", test_decode_malformed);
  g_test_add_func ("/sms-pdu/decode-truncated", test_decode_truncated);
  g_test_add_func ("/sms-pdu/validity", test_validity);
  g_test_add_func ("/sms-pdu/timestamp", test_timestamp);
  return g_test_run ();
}

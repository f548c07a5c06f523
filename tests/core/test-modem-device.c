/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The modem's physical device: published Manufacturer and Model fall back
 * to the device's names, and DeviceIdentifier follows the identity and the
 * vendor/product ids. */
#include "md-modem.h"

/* simulator/scenarios/default.ini as the AT plugin loads it; the expected
 * identifiers are those of tests/core/test-device-identifier.c. */
static MdModemIdentity *
default_identity (void)
{
  MdModemIdentity *id = g_new0 (MdModemIdentity, 1);

  id->manufacturer = g_strdup ("SIMCOM INCORPORATED");
  id->model = g_strdup ("SIM-7600");
  id->revision = g_strdup ("LE20B04SIM7600M22");
  id->equipment_identifier = g_strdup ("862636050012345");
  id->ati = g_strdup ("SIMCOM INCORPORATED\nSIM-7600\nRevision: LE20B04SIM7600M22");
  return id;
}

static void
count_changes (MdModem *modem, guint change, gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_names_fall_back_to_the_device (void)
{
  g_autoptr (MdModem) modem = md_modem_new (0, "uid", "test", NULL, &(MdModemOps){ 0 });
  MdModemIdentity *id = g_new0 (MdModemIdentity, 1);
  guint changes = 0;

  g_signal_connect (modem, "changed", G_CALLBACK (count_changes), &changes);
  g_assert_cmpstr (md_modem_get_manufacturer (modem), ==, "");
  g_assert_cmpstr (md_modem_get_model (modem), ==, "");
  md_modem_set_device_names (modem, "Quectel", "EG25-G");
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpstr (md_modem_get_device_manufacturer (modem), ==, "Quectel");
  g_assert_cmpstr (md_modem_get_device_product (modem), ==, "EG25-G");
  g_assert_cmpstr (md_modem_get_manufacturer (modem), ==, "Quectel");
  g_assert_cmpstr (md_modem_get_model (modem), ==, "EG25-G");

  /* The protocol's names win where it has one; an empty one is none. */
  id->manufacturer = g_strdup ("");
  id->model = g_strdup ("EG25GGB");
  md_modem_take_identity (modem, id);
  g_assert_cmpstr (md_modem_get_manufacturer (modem), ==, "Quectel");
  g_assert_cmpstr (md_modem_get_model (modem), ==, "EG25GGB");

  md_modem_set_device_names (modem, "", NULL);
  g_assert_null (md_modem_get_device_manufacturer (modem));
  g_assert_null (md_modem_get_device_product (modem));
  g_assert_cmpstr (md_modem_get_manufacturer (modem), ==, "");
}

static void
test_device_identifier_follows_identity_and_ids (void)
{
  g_autoptr (MdModem) modem = md_modem_new (0, "uid", "test", NULL, &(MdModemOps){ 0 });
  guint changes = 0;

  g_signal_connect (modem, "changed", G_CALLBACK (count_changes), &changes);
  g_assert_null (md_modem_get_device_identifier (modem));
  md_modem_take_identity (modem, default_identity ());
  g_assert_cmpstr (md_modem_get_device_identifier (modem), ==, "d02ec2061702c88d43ce7bce9fa93960582fc433");

  md_modem_set_device_ids (modem, 0x1e0e, 0x9001);
  g_assert_cmpuint (md_modem_get_vendor_id (modem), ==, 0x1e0e);
  g_assert_cmpuint (md_modem_get_product_id (modem), ==, 0x9001);
  g_assert_cmpstr (md_modem_get_device_identifier (modem), ==, "b32f58c02298034c0cf720e27560271bc9ce08d8");
  g_assert_cmpuint (changes, ==, 2);
  md_modem_set_device_ids (modem, 0x1e0e, 0x9001);
  g_assert_cmpuint (changes, ==, 2);

  /* The fallback names are published, never hashed. */
  md_modem_set_device_names (modem, "Other", "Names");
  g_assert_cmpstr (md_modem_get_device_identifier (modem), ==, "b32f58c02298034c0cf720e27560271bc9ce08d8");
}

static void
test_no_identity_no_identifier (void)
{
  g_autoptr (MdModem) modem = md_modem_new (0, "uid", "test", NULL, &(MdModemOps){ 0 });

  md_modem_set_device_ids (modem, 0x2c7c, 0x0125);
  md_modem_take_identity (modem, g_new0 (MdModemIdentity, 1));
  g_assert_null (md_modem_get_device_identifier (modem));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/modem-device/names-fall-back", test_names_fall_back_to_the_device);
  g_test_add_func ("/core/modem-device/device-identifier", test_device_identifier_follows_identity_and_ids);
  g_test_add_func ("/core/modem-device/no-identity", test_no_identity_no_identifier);
  return g_test_run ();
}

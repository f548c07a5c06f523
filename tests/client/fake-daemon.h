/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A fake org.freedesktop.ModemManager1 service for libmm-client's tests,
 * made of the library's own generated skeletons and run in a thread of its
 * own, so the test's synchronous calls can be answered. */
#pragma once

#include <mm-client.h>

typedef struct _FakeDaemon FakeDaemon;

#define FAKE_MODEM_PATH  "/org/freedesktop/ModemManager1/Modem/"
#define FAKE_SIM_PATH    "/org/freedesktop/ModemManager1/SIM/0"
#define FAKE_BEARER_PATH "/org/freedesktop/ModemManager1/Bearer/0"
#define FAKE_SMS_PATH    "/org/freedesktop/ModemManager1/SMS/0"
#define FAKE_PIN         "1234"
#define FAKE_PUK         "12345678"

/* Connects to the bus at address, owns the name and serves the Manager
 * interface and an ObjectManager; returns once the name is owned. */
FakeDaemon *fake_daemon_new (const char *address);
void fake_daemon_free (FakeDaemon *fake);

/* Exports modem index (Modem.Reset answers Core.Unsupported; CreateBearer
 * and Simple.Connect create FAKE_BEARER_PATH) and, once, FAKE_SIM_PATH
 * (each method takes only FAKE_PIN or FAKE_PUK) and FAKE_SMS_PATH. */
void fake_daemon_add_modem (FakeDaemon *fake, guint index);
void fake_daemon_remove_modem (FakeDaemon *fake, guint index);

/* The a{sv} the last CreateBearer or Simple.Connect received, and the last
 * other call as "Method argument" (both transfer full). */
GVariant *fake_daemon_dup_bearer_properties (FakeDaemon *fake);
char *fake_daemon_dup_last_call (FakeDaemon *fake);

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fixture of the MBIM front end's unit tests: a simulated modem from a
 * scenario, its MBIM front end fed raw bytes, and the replies it writes
 * collected and read back as libmbim messages (fragments joined). */
#pragma once

#include <libmbim-glib.h>

#include "sim-mbim-codec.h"
#include "sim-mbim.h"
#include "sim-scenario.h"

G_BEGIN_DECLS

#define WAIT_SECONDS 30

/* The base scenario every test starts from. */
extern const char scenario_text[];

typedef struct {
  SimScenario *scenario;
  SimModel *model;
  SimMbim *mbim;
  GByteArray *out;
  guint32 tid;
} Fixture;

/* A test with extra scenario lines (NULL for none) appended to the base. */
#define ADD(path, func, extra)                                                                               \
  g_test_add ("/sim/mbim/" path, Fixture, extra, fixture_setup, func, fixture_teardown)

void fixture_start (Fixture *f, const char *extra, guint max_transfer);
void fixture_setup (Fixture *f, gconstpointer data);
void fixture_teardown (Fixture *f, gconstpointer data);
void feed_bytes (Fixture *f, const guint8 *data, gsize len);
guint32 send_message (Fixture *f, MbimMessage *request);
gboolean on_timeout (gpointer user_data);
void wait_output (Fixture *f);
MbimMessage *next_message (Fixture *f, guint max_transfer);
MbimMessage *reply (Fixture *f);
MbimMessage *command (Fixture *f, MbimMessage *request, MbimStatusError expected);
void open_function (Fixture *f, guint32 max_transfer);
MbimMessage *indication (Fixture *f, MbimCidBasicConnect cid);
MbimMessage *indication_of (Fixture *f, MbimCidBasicConnect cid);
void drain (Fixture *f);
void check_register (MbimMessage *message, gboolean notification, MbimRegisterState state,
                     const char *provider);
MbimMessage *connect_request (guint32 session, MbimActivationCommand activation, const char *apn,
                              MbimContextIpType ip_type);
void check_connect (MbimMessage *message, gboolean notification, guint32 session, MbimActivationState state,
                    MbimContextIpType ip_type, guint32 nw_error);

G_END_DECLS

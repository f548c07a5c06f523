/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A QMI session over a scenario's model for the per-service unit tests:
 * requests built and replies and indications parsed by libqmi, fed to
 * and collected from the session as bytes, never through the codec. */
#pragma once

#include <libqmi-glib.h>

#include "sim-qmi.h"
#include "sim-scenario.h"

typedef struct {
  SimScenario *scenario;
  SimModel *model;
  SimQmi *qmi;
  GByteArray *out;
  guint16 transaction;
} QmiFixture;

/* Loads scenario_text (a GKeyFile) and starts the model and session. */
void qmi_fixture_setup (QmiFixture *f, const char *scenario_text);
void qmi_fixture_teardown (QmiFixture *f);
/* A fresh session answering as the modem's QMI port index (--qmi order:
 * its own data format when index > 0); the one before is freed. */
void qmi_fixture_use_port (QmiFixture *f, guint index);

/* A client id of service, allocated through CTL. */
guint8 qmi_fixture_allocate (QmiFixture *f, QmiService service);
void qmi_fixture_release (QmiFixture *f, QmiService service, guint8 client);

/* A request of service/client to be given TLVs with qmi_message_tlv_write_*
 * or the helpers below. */
QmiMessage *qmi_fixture_request (QmiFixture *f, QmiService service, guint8 client, guint16 message);
void qmi_fixture_tlv_u8 (QmiMessage *request, guint8 type, guint8 value);
void qmi_fixture_tlv_u16 (QmiMessage *request, guint8 type, guint16 value);
void qmi_fixture_tlv_u32 (QmiMessage *request, guint8 type, guint32 value);
void qmi_fixture_tlv_bytes (QmiMessage *request, guint8 type, const guint8 *value, gsize len);

/* Sends request and returns its response (asserted to match it); any
 * indication that came with it stays queued. */
QmiMessage *qmi_fixture_exchange (QmiFixture *f, QmiMessage *request);
/* The request with no TLVs: a shorthand for exchange. */
QmiMessage *qmi_fixture_call (QmiFixture *f, QmiService service, guint8 client, guint16 message);
/* The next queued frame (running the main context until one is there or
 * until pending idle work is done); NULL when none came. */
QmiMessage *qmi_fixture_next (QmiFixture *f);
/* Runs pending idle work of the session (indications wait for it). */
void qmi_fixture_settle (QmiFixture *f);

/* The protocol error of a response's result TLV (0 on success). */
guint16 qmi_fixture_error (QmiMessage *reply);
/* A TLV that must be there; *len receives its length. */
const guint8 *qmi_fixture_tlv (QmiMessage *message, guint8 type, guint16 *len);
guint16 qmi_fixture_le16 (const guint8 *p);
guint32 qmi_fixture_le32 (const guint8 *p);

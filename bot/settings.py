"""All configuration, read from environment variables with documented defaults.

HOTLINE_HOST             interface the Rasa server listens on         0.0.0.0
HOTLINE_RASA_PORT        Rasa server: channels, REST                  5005
HOTLINE_ACTIONS_PORT     action server                                5055
HOTLINE_ACTION_ENDPOINT  where Rasa calls the actions     http://127.0.0.1:<actions port>/webhook
HOTLINE_MODELS_DIR       trained models                               models
HOTLINE_VAR_DIR          databases and other state                    var
HOTLINE_TRACKER_DB       SQLite file of the conversations             <var dir>/tracker.db
HOTLINE_DB_URL           the registry, cases and reports: a SQLAlchemy URL, e.g.
                         postgresql://user@host/db               sqlite:///<var dir>/hotline.db
HOTLINE_LOG_LEVEL        log level of both servers (DEBUG for more)   INFO
HOTLINE_POLICE_ROUTES    which police intake receives each region's   police_routes.yml
                         fraud reports (format: actions/police/routes.py)
HOTLINE_POLICE_INTAKE_PORT  the local reference intake `make run` starts  8099
HOTLINE_POLICE_SECRET    its HMAC key (the default routes file uses it)   random per run
HOTLINE_OUTBOX_MAX_ATTEMPTS  deliveries tried before a report is dead  8
HOTLINE_OUTBOX_BACKOFF_S     first retry delay, doubled each time      2
HOTLINE_DELIVERY_TIMEOUT_S   one delivery attempt at most              10
HOTLINE_OUTBOX_LEASE_S   a worker's hold on a delivery; after it, another  60
                         worker takes up a delivery whose worker died
HOTLINE_SMTP_HOST / _PORT / _FROM  mail server for e-mail routes and alerts
                                             127.0.0.1 / 25 / hotline@localhost
HOTLINE_ALERT_EMAIL      who is told when a report cannot be delivered   (log only)

Relative paths are relative to the project directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def _path(value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else PROJECT_DIR / path


def _port_range(value: str) -> range:
    """``40000-40999`` (inclusive) as a range; a clear error for anything else."""
    first, _, last = value.partition("-")
    try:
        ports = range(int(first), int(last or first) + 1)
    except ValueError:
        raise ValueError(f"not a port range like 40000-40999: {value!r}") from None
    if not ports or ports.start < 1 or ports.stop > 65536:
        raise ValueError(f"not a port range like 40000-40999: {value!r}")
    return ports


@dataclass(frozen=True)
class Settings:
    host: str
    rasa_port: int
    actions_port: int
    action_endpoint: str
    models_dir: Path
    var_dir: Path
    tracker_db: Path
    db_url: str | None
    log_level: str
    police_routes: Path
    police_intake_port: int
    police_secret: str | None
    outbox_max_attempts: int
    outbox_backoff_s: float
    delivery_timeout_s: float
    outbox_lease_s: float
    smtp_host: str
    smtp_port: int
    smtp_from: str
    alert_email: str | None

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        actions_port = int(env.get("HOTLINE_ACTIONS_PORT", "5055"))
        var_dir = _path(env.get("HOTLINE_VAR_DIR", "var"))
        return cls(
            host=env.get("HOTLINE_HOST", "0.0.0.0"),
            rasa_port=int(env.get("HOTLINE_RASA_PORT", "5005")),
            actions_port=actions_port,
            action_endpoint=env.get(
                "HOTLINE_ACTION_ENDPOINT", f"http://127.0.0.1:{actions_port}/webhook"
            ),
            models_dir=_path(env.get("HOTLINE_MODELS_DIR", "models")),
            var_dir=var_dir,
            tracker_db=_path(env.get("HOTLINE_TRACKER_DB", str(var_dir / "tracker.db"))),
            db_url=env.get("HOTLINE_DB_URL") or None,
            log_level=env.get("HOTLINE_LOG_LEVEL", "INFO").upper(),
            police_routes=_path(env.get("HOTLINE_POLICE_ROUTES", "police_routes.yml")),
            police_intake_port=int(env.get("HOTLINE_POLICE_INTAKE_PORT", "8099")),
            police_secret=env.get("HOTLINE_POLICE_SECRET") or None,
            outbox_max_attempts=int(env.get("HOTLINE_OUTBOX_MAX_ATTEMPTS", "8")),
            outbox_backoff_s=float(env.get("HOTLINE_OUTBOX_BACKOFF_S", "2")),
            delivery_timeout_s=float(env.get("HOTLINE_DELIVERY_TIMEOUT_S", "10")),
            outbox_lease_s=float(env.get("HOTLINE_OUTBOX_LEASE_S", "60")),
            smtp_host=env.get("HOTLINE_SMTP_HOST", "127.0.0.1"),
            smtp_port=int(env.get("HOTLINE_SMTP_PORT", "25")),
            smtp_from=env.get("HOTLINE_SMTP_FROM", "hotline@localhost"),
            alert_email=env.get("HOTLINE_ALERT_EMAIL") or None,
        )

    def to_env(self) -> dict[str, str]:
        """These settings as the variables that give them, for the processes started."""
        env = {
            "HOTLINE_HOST": self.host,
            "HOTLINE_RASA_PORT": str(self.rasa_port),
            "HOTLINE_ACTIONS_PORT": str(self.actions_port),
            "HOTLINE_ACTION_ENDPOINT": self.action_endpoint,
            "HOTLINE_MODELS_DIR": str(self.models_dir),
            "HOTLINE_VAR_DIR": str(self.var_dir),
            "HOTLINE_TRACKER_DB": str(self.tracker_db),
            "HOTLINE_LOG_LEVEL": self.log_level,
            "HOTLINE_POLICE_ROUTES": str(self.police_routes),
            "HOTLINE_POLICE_INTAKE_PORT": str(self.police_intake_port),
            "HOTLINE_OUTBOX_MAX_ATTEMPTS": str(self.outbox_max_attempts),
            "HOTLINE_OUTBOX_BACKOFF_S": str(self.outbox_backoff_s),
            "HOTLINE_DELIVERY_TIMEOUT_S": str(self.delivery_timeout_s),
            "HOTLINE_OUTBOX_LEASE_S": str(self.outbox_lease_s),
            "HOTLINE_SMTP_HOST": self.smtp_host,
            "HOTLINE_SMTP_PORT": str(self.smtp_port),
            "HOTLINE_SMTP_FROM": self.smtp_from,
        }
        optional = {
            "HOTLINE_DB_URL": self.db_url,
            "HOTLINE_POLICE_SECRET": self.police_secret,
            "HOTLINE_ALERT_EMAIL": self.alert_email,
        }
        return env | {name: value for name, value in optional.items() if value}

    def rasa_env(self) -> dict[str, str]:
        """Environment for Rasa processes: what endpoints.yml reads, and no telemetry."""
        env = dict(os.environ)
        env.update(self.to_env())
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            TF_CPP_MIN_LOG_LEVEL="2",
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            # Rasa 3.6's dependencies print pages of deprecation notices at every start.
            PYTHONWARNINGS="ignore::DeprecationWarning",
            PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
        )
        return env


@dataclass(frozen=True)
class WeChatSettings:
    """The WeChat Official Account channel (bot/channels/wechat.py); off while the token is
    empty.

    WECHAT_TOKEN             the token set in the Official Account's server settings   (off)
    WECHAT_ENCODING_AES_KEY  the 43-character EncodingAESKey, for safe (AES) mode      (none)
    WECHAT_APP_ID            the AppID, also the receiver id of encrypted messages     (none)
    WECHAT_APP_SECRET        the AppSecret, for the customer-service API's token       (none)
    WECHAT_API_BASE          the API, or a private gateway / test fake    https://api.weixin.qq.com
    """

    token: str
    encoding_aes_key: str
    app_id: str
    app_secret: str
    api_base: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> WeChatSettings:
        env = dict(os.environ if env is None else env)
        return cls(
            token=env.get("WECHAT_TOKEN", ""),
            encoding_aes_key=env.get("WECHAT_ENCODING_AES_KEY", ""),
            app_id=env.get("WECHAT_APP_ID", ""),
            app_secret=env.get("WECHAT_APP_SECRET", ""),
            api_base=env.get("WECHAT_API_BASE", "https://api.weixin.qq.com").rstrip("/"),
        )


@dataclass(frozen=True)
class ZaloSettings:
    """The Zalo Official Account channel (bot/channels/zalo.py); off while the OA secret key is
    empty.

    ZALO_APP_ID          the Zalo app's id (part of every webhook signature)             (none)
    ZALO_OA_SECRET_KEY   the OA secret key that signs webhooks                             (off)
    ZALO_APP_SECRET      the app's secret key, for refreshing the access token            (none)
    ZALO_ACCESS_TOKEN    the first access token; later ones are kept in the token file    (none)
    ZALO_REFRESH_TOKEN   the first refresh token (single use; its successors are stored)  (none)
    ZALO_TOKEN_FILE      where the rotated tokens are kept            <var dir>/zalo_tokens.json
    ZALO_API_BASE        the OA API, or a test fake                  https://openapi.zalo.me
    ZALO_OAUTH_BASE      the OAuth server, or a test fake             https://oauth.zaloapp.com
    """

    app_id: str
    oa_secret_key: str
    app_secret: str
    access_token: str
    refresh_token: str
    token_file: Path
    api_base: str
    oauth_base: str

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> ZaloSettings:
        env = dict(os.environ if env is None else env)
        var_dir = _path(env.get("HOTLINE_VAR_DIR", "var"))
        return cls(
            app_id=env.get("ZALO_APP_ID", ""),
            oa_secret_key=env.get("ZALO_OA_SECRET_KEY", ""),
            app_secret=env.get("ZALO_APP_SECRET", ""),
            access_token=env.get("ZALO_ACCESS_TOKEN", ""),
            refresh_token=env.get("ZALO_REFRESH_TOKEN", ""),
            token_file=_path(env.get("ZALO_TOKEN_FILE", str(var_dir / "zalo_tokens.json"))),
            api_base=env.get("ZALO_API_BASE", "https://openapi.zalo.me").rstrip("/"),
            oauth_base=env.get("ZALO_OAUTH_BASE", "https://oauth.zaloapp.com").rstrip("/"),
        )


@dataclass(frozen=True)
class VoiceSettings:
    """The phone gateway (voice/).

    HOTLINE_VOICE_AUDIOSOCKET_HOST  interface of the AudioSocket server (Asterisk) 127.0.0.1
    HOTLINE_VOICE_AUDIOSOCKET_PORT  its TCP port                                   9019
    HOTLINE_VOICE_RASA_URL          the voice channel of the Rasa server
                                    http://127.0.0.1:<rasa port>/webhooks/voice/webhook
    HOTLINE_VOICE_RASA_TIMEOUT_S    one answer at most, then an apology is spoken  8
    HOTLINE_VOICE_TRANSFER_URI      SIP URI of the human agents, e.g. sip:agents@pbx.local
                                    (empty: the transfer request is noted and the call ends)
    HOTLINE_VOICE_END_SILENCE_MS    silence that ends the caller's utterance       700
    HOTLINE_VOICE_NO_SPEECH_S       nothing said for this long: a reprompt          7
    HOTLINE_VOICE_MAX_UTTERANCE_S   an utterance is cut at this length              20
    HOTLINE_VOICE_REPROMPTS         reprompts before the goodbye                   2
    HOTLINE_VOICE_KEYPAD_TIMEOUT_S  a keypad entry without # is taken after this    5
    HOTLINE_VOICE_ASR_MODEL_DIR     faster-whisper model folder (CTranslate2), assembled by
                                    the setup step; or larger weights   models/whisper-base
    HOTLINE_VOICE_ASR_BEAM_SIZE     beam search width (1: greedy; wider is slower)      1
    HOTLINE_VOICE_ASR_THREADS       CPU threads of speech recognition (0: all cores)  0
    HOTLINE_VOICE_TTS_RATE          speaking rate, words per minute                   150
    HOTLINE_VOICE_SIP_HOST          interface of the SIP user agent (UDP); 0.0.0.0: all
                                                                                 127.0.0.1
    HOTLINE_VOICE_SIP_PORT          its port (0: no SIP)                              5060
    HOTLINE_VOICE_SIP_ADDRESS       address given to callers in Contact and SDP, e.g. behind
                                    NAT (empty: the host, or the one facing the caller)
    HOTLINE_VOICE_SIP_RTP_PORTS     UDP ports for the calls' audio (RTP)     40000-40999
    HOTLINE_VOICE_SIP_REGISTRAR     a PBX to register with, host[:port] (empty: none)
    HOTLINE_VOICE_SIP_USER          the registered user                          hotline
    HOTLINE_VOICE_SIP_PASSWORD      its password (digest authentication)          (none)
    HOTLINE_VOICE_SIP_DOMAIN        its domain (empty: the registrar's host)
    HOTLINE_VOICE_SIP_EXPIRES       registration lifetime asked for, seconds          300
    """

    audiosocket_host: str
    audiosocket_port: int
    rasa_url: str
    rasa_timeout_s: float
    transfer_uri: str
    end_silence_ms: int
    no_speech_s: float
    max_utterance_s: float
    reprompts: int
    keypad_timeout_s: float
    asr_model_dir: Path
    asr_beam_size: int
    asr_threads: int
    tts_rate: int
    sip_host: str
    sip_port: int
    sip_address: str
    sip_rtp_ports: range
    sip_registrar: str
    sip_user: str
    sip_password: str
    sip_domain: str
    sip_expires: int

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> VoiceSettings:
        env = dict(os.environ if env is None else env)
        rasa_port = int(env.get("HOTLINE_RASA_PORT", "5005"))
        return cls(
            audiosocket_host=env.get("HOTLINE_VOICE_AUDIOSOCKET_HOST", "127.0.0.1"),
            audiosocket_port=int(env.get("HOTLINE_VOICE_AUDIOSOCKET_PORT", "9019")),
            rasa_url=env.get(
                "HOTLINE_VOICE_RASA_URL", f"http://127.0.0.1:{rasa_port}/webhooks/voice/webhook"
            ),
            rasa_timeout_s=float(env.get("HOTLINE_VOICE_RASA_TIMEOUT_S", "8")),
            transfer_uri=env.get("HOTLINE_VOICE_TRANSFER_URI", ""),
            end_silence_ms=int(env.get("HOTLINE_VOICE_END_SILENCE_MS", "700")),
            no_speech_s=float(env.get("HOTLINE_VOICE_NO_SPEECH_S", "7")),
            max_utterance_s=float(env.get("HOTLINE_VOICE_MAX_UTTERANCE_S", "20")),
            reprompts=int(env.get("HOTLINE_VOICE_REPROMPTS", "2")),
            keypad_timeout_s=float(env.get("HOTLINE_VOICE_KEYPAD_TIMEOUT_S", "5")),
            asr_model_dir=_path(env.get("HOTLINE_VOICE_ASR_MODEL_DIR", "models/whisper-base")),
            asr_beam_size=int(env.get("HOTLINE_VOICE_ASR_BEAM_SIZE", "1")),
            asr_threads=int(env.get("HOTLINE_VOICE_ASR_THREADS", "0")),
            tts_rate=int(env.get("HOTLINE_VOICE_TTS_RATE", "150")),
            sip_host=env.get("HOTLINE_VOICE_SIP_HOST", "127.0.0.1"),
            sip_port=int(env.get("HOTLINE_VOICE_SIP_PORT", "5060")),
            sip_address=env.get("HOTLINE_VOICE_SIP_ADDRESS", ""),
            sip_rtp_ports=_port_range(env.get("HOTLINE_VOICE_SIP_RTP_PORTS", "40000-40999")),
            sip_registrar=env.get("HOTLINE_VOICE_SIP_REGISTRAR", ""),
            sip_user=env.get("HOTLINE_VOICE_SIP_USER", "hotline"),
            sip_password=env.get("HOTLINE_VOICE_SIP_PASSWORD", ""),
            sip_domain=env.get("HOTLINE_VOICE_SIP_DOMAIN", ""),
            sip_expires=int(env.get("HOTLINE_VOICE_SIP_EXPIRES", "300")),
        )

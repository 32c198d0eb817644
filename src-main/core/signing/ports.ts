/**
 * What the signing workflow needs from the outside world. The real NCALayer and SIGEX
 * clients satisfy these; tests pass the same clients pointed at the simulators.
 */
import type { DocumentSettings, EmailOutcome, Language } from '../../ipc/contract';

export interface ByteSource {
  size: number;
  open(): NodeJS.ReadableStream;
}

export interface NcaLayerPort {
  connect(): Promise<{ service: 'NCALayer' | 'KAZTOKEN desktop'; version: string }>;
  sign(req: { documents: ByteSource[]; locale: Language; signal?: AbortSignal }): Promise<Buffer[]>;
  close(): void;
}

export interface RegisterBody {
  title: string;
  description: string;
  signType: 'cms';
  signature: string;
  emailNotifications?: { to: string[] };
  settings: DocumentSettings;
}

export interface DataOutcome {
  emailOutcome: EmailOutcome;
  certificateEmail?: string;
}

export interface QrSession {
  qrCode: string;
  dataURL: string;
  signURL: string;
  eGovMobileLaunchLink: string;
  eGovBusinessLaunchLink: string;
  expireAt: number;
}

export interface QrDocument {
  name: string;
  mime: string;
  base64: string;
}

export interface SigexPort {
  register(body: RegisterBody, o?: { signal?: AbortSignal }): Promise<{ documentId: string; signId: number }>;
  uploadData(
    documentId: string,
    source: ByteSource,
    o?: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal },
  ): Promise<DataOutcome>;
  createQr(description: string, o?: { signal?: AbortSignal }): Promise<QrSession>;
  sendQrData(dataURL: string, documents: QrDocument[], o?: { signal?: AbortSignal }): Promise<void>;
  waitQrSignatures(signURL: string, o?: { signal?: AbortSignal }): Promise<string[]>;
}

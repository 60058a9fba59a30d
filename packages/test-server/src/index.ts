export {
  type CertificateFiles,
  type ClientCertificateFiles,
  generateTestCertificates,
  type TestCertificates,
} from './certs.ts';

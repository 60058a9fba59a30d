// Node: UTS #46 / punycode conversion from node:url (the WHATWG URL algorithms, natively).
export { domainToASCII, domainToUnicode } from 'node:url';
